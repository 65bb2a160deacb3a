using System.Globalization;

namespace ScalingAdvisor.Laws;

/// <summary>Argument checks shared by the laws and solvers.</summary>
internal static class LawGuards
{
    /// <summary>Requires a finite target loss strictly above the floor a law can reach.</summary>
    public static double TargetAboveFloor(double targetLoss, double floor, string lawId, string floorName, string paramName = "targetLoss")
    {
        Preconditions.Positive(targetLoss, paramName);
        if (targetLoss <= floor)
        {
            throw new ArgumentOutOfRangeException(paramName, targetLoss, string.Create(CultureInfo.InvariantCulture,
                $"The target loss {targetLoss:R} nats/token is at or below the {floorName} {floor:R} of law {lawId}: no finite model and data reach it."));
        }

        return targetLoss;
    }
}
