using ScalingAdvisor.Footprint;
using ScalingAdvisor.Hardware;

namespace ScalingAdvisor.Serving;

/// <summary>
/// What serving a smaller model (a distilled student) instead of a larger one (its teacher) saves, from the serving model:
/// both on the same device, request shape, widths and utilisations (<see cref="LifetimeServing.PerMillionTokens"/>, each
/// replica sized to hold the batch), compared per million output tokens. With one device type and price, cost and energy
/// scale with the GPU-hours, so one ratio states all three.
/// </summary>
/// <param name="Larger">The larger model's replica and footprint per million output tokens.</param>
/// <param name="Smaller">The smaller model's.</param>
public sealed record ServingSavings(ServingAtScale Larger, ServingAtScale Smaller)
{
    /// <summary>
    /// GPU-hours per million output tokens of the larger model ÷ those of the smaller (also the cost and energy ratio);
    /// null when either batch fits on no degree tried.
    /// </summary>
    public double? GpuHoursRatio => Larger.Footprint is { } larger && Smaller.Footprint is { } smaller
        ? larger.PerMillionOutputTokens.GpuHours / smaller.PerMillionOutputTokens.GpuHours
        : null;

    /// <summary>Compares two models served alike.</summary>
    /// <param name="larger">The model replaced (the teacher).</param>
    /// <param name="smaller">The model served instead (the student).</param>
    /// <param name="accelerator">The device.</param>
    /// <param name="footprint">PUE, power, grid intensity, price.</param>
    /// <param name="request">P, O, B, widths and utilisations; null for <see cref="LifetimeServing.DefaultRequest"/>.</param>
    /// <returns>The comparison.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The device cannot be costed.</exception>
    public static ServingSavings Of(ServedModel larger, ServedModel smaller, AcceleratorProfile accelerator, FootprintAssumptions footprint, ServingSetup? request = null)
        => new(LifetimeServing.PerMillionTokens(larger, accelerator, footprint, request), LifetimeServing.PerMillionTokens(smaller, accelerator, footprint, request));
}
