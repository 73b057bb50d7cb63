"""The names of the statistical functions the SQL models may call.

pipelines/build/stats.py defines and registers them (its FUNCTIONS is built from this
list); they are named here, apart from scipy, so that the models can tell which of them
call one before scipy has loaded: the models that call none run while it loads
(pipelines/build/models.py).
"""

NAMES = (
    "poisson_p_upper",
    "poisson_p_lower",
    "binom_p_upper",
    "binom_p_lower",
    "poisson_limit_upper",
    "poisson_limit_lower",
    "binom_limit_upper",
    "binom_limit_lower",
    "binomc_p_upper",
    "binomc_p_lower",
    "poissonc_limit_upper",
    "poissonc_limit_lower",
    "binomc_limit_upper",
    "binomc_limit_lower",
    "norm_p_upper",
    "norm_quantile_upper",
    "chi2_p_upper",
    "poisson_cond_limit_upper",
    "poisson_cond_limit_lower",
    "poisson_condc_limit_upper",
    "poisson_condc_limit_lower",
    "fisher_p_upper",
    "fisher_p_lower",
    "fisher_limit_upper",
    "fisher_limit_lower",
)
