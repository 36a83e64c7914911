namespace Gantry.Server.Configuration;

/// <summary>
/// Drift monitoring per model version: the first <see cref="ReferenceRequests"/> requests a version serves (or those
/// after a reset) are its reference; the latest <see cref="WindowRequests"/> are compared with it by PSI and KL, and a
/// PSI above <see cref="Threshold"/> logs an alert.
/// </summary>
public sealed record DriftSettings
{
    public int ReferenceRequests { get; init; } = 500;

    public int WindowRequests { get; init; } = 500;

    /// <summary>PSI over which a feature has drifted: 0.1 is the usual "moderate shift", 0.2 "significant".</summary>
    public double Threshold { get; init; } = 0.2;
}
