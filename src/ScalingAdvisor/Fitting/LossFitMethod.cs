namespace ScalingAdvisor.Fitting;

/// <summary>How <c>fit</c> estimates the Chinchilla form.</summary>
public enum LossFitMethod
{
    /// <summary>Hoffmann et al. 2022 App. D.2: Huber (δ = 1e-3) on log residuals (<see cref="ChinchillaFitter"/>). The default.</summary>
    Huber,

    /// <summary>Besiroglu et al. 2024: maximum likelihood with standard errors (<see cref="LikelihoodFitter"/>).</summary>
    Likelihood,
}
