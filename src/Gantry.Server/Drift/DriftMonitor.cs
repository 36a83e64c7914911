using System.Collections.Concurrent;
using Gantry.Server.Configuration;
using Gantry.Server.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Prometheus;

namespace Gantry.Server.Drift;

/// <summary>
/// Drift monitoring for every model version: each finished generation request adds a <see cref="DriftSample"/> to its
/// version's <see cref="VersionDrift"/>, whose PSI and KL per feature go to the gauges
/// <c>gantry_model_drift_psi</c> and <c>gantry_model_drift_kl</c> (labels <c>model_name</c>, <c>version</c>,
/// <c>feature</c>). A PSI crossing the threshold logs a warning and counts in <c>gantry_model_drift_alerts_total</c>,
/// once until it falls back under. A singleton.
/// </summary>
internal sealed class DriftMonitor
{
    private readonly DriftSettings _settings;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<(string Name, string Version), VersionDrift> _versions = new();
    private readonly Gauge _psi;
    private readonly Gauge _kl;
    private readonly Counter _alerts;

    public DriftMonitor(IOptions<ServerOptions> options, ServerMetrics metrics, ILogger<DriftMonitor> logger)
    {
        _settings = options.Value.Drift;
        _logger = logger;
        var f = Prometheus.Metrics.WithCustomRegistry(metrics.Registry);
        string[] labels = ["model_name", "version", "feature"];
        _psi = f.CreateGauge("gantry_model_drift_psi", "Population stability index of a request feature: the version's latest requests against its reference window.", labels);
        _kl = f.CreateGauge("gantry_model_drift_kl", "KL divergence (latest window ‖ reference) of a request feature, per version.", labels);
        _alerts = f.CreateCounter("gantry_model_drift_alerts_total", "Times a feature's PSI crossed the drift threshold, per version.", labels);
    }

    public DriftSettings Settings => _settings;

    public void Record(string name, string version, DriftSample sample)
    {
        var v = _versions.GetOrAdd((name, version), _ => new VersionDrift(_settings.ReferenceRequests, _settings.WindowRequests));
        v.Record(sample);
        var scores = v.Scores();
        for (var i = 0; i < scores.Length; i++)
        {
            var s = scores[i];
            if (!s.Ready) continue;
            _psi.WithLabels(name, version, s.Feature).Set(s.Psi);
            _kl.WithLabels(name, version, s.Feature).Set(s.Kl);
            if (!v.CrossedThreshold(i, s.Psi > _settings.Threshold)) continue;
            _alerts.WithLabels(name, version, s.Feature).Inc();
            DriftLog.Drifted(_logger, name, version, s.Feature, s.Psi, s.Kl, _settings.Threshold, s.Window, s.Reference);
        }
    }

    /// <summary>The versions of <paramref name="name"/> seen so far, with their scores and alert states.</summary>
    public IReadOnlyList<(string Version, VersionDrift Drift)> Of(string name) =>
        [.. _versions.Where(p => p.Key.Name == name).Select(p => (p.Key.Version, p.Value)).OrderBy(p => p.Version, StringComparer.Ordinal)];

    /// <summary>Starts new references for every version of <paramref name="name"/>; their gauges read 0 until judged again.</summary>
    public int Reset(string name)
    {
        var versions = Of(name);
        foreach (var (version, drift) in versions)
        {
            drift.Reset();
            foreach (var feature in DriftFeature.All)
            {
                _psi.WithLabels(name, version, feature.Name).Set(0);
                _kl.WithLabels(name, version, feature.Name).Set(0);
            }
        }
        return versions.Count;
    }
}

internal static partial class DriftLog
{
    [LoggerMessage(1901, LogLevel.Warning, "Drift alert: model '{Name}' version '{Version}' feature {Feature} PSI {Psi:F3} (KL {Kl:F3}) over threshold {Threshold} ({Window} requests against a reference of {Reference})")]
    public static partial void Drifted(ILogger logger, string name, string version, string feature, double psi, double kl, double threshold, int window, int reference);
}
