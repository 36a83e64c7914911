using Gantry.Guardrails.ModelGuard;
using Gantry.Guardrails.Pipeline;
using Gantry.Models;
using Gantry.Server.Configuration;
using Gantry.Server.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gantry.Server.Guardrails;

/// <summary>
/// The server's guard model (<see cref="ServerOptions.GuardModel"/>): loaded once by the model host before the served
/// models, then shared by every request. <see cref="JudgeAsync"/> never throws for the guard's own failures (an engine
/// error, a text too long for its KV budget): it reports them as a null verdict after logging and counting them, and
/// the caller applies <see cref="FailClosed"/>. Thread-safe: the guard's engine batches concurrent judgements.
/// </summary>
internal sealed partial class ServerGuardModel(IOptions<ServerOptions> options, ServerMetrics metrics, ILogger<ServerGuardModel> logger) : IDisposable
{
    private EngineGuardModel? _model;
    private LlamaGuard? _guard;
    private int _unparseableLogged;

    public bool IsLoaded => _guard is not null;

    /// <summary>Whether a failed judgement refuses (true) or lets the request through (false).</summary>
    public bool FailClosed => options.Value.GuardModel?.OnFailure == GuardModelFailure.Closed;

    /// <summary>Under block, a streamed answer is judged every this many generated tokens.</summary>
    public int StreamIntervalTokens => options.Value.GuardModel?.StreamIntervalTokens ?? GuardModelSettings.DefaultStreamIntervalTokens;

    /// <summary>Whether the guard model judges requests under <paramref name="policy"/>: one is loaded and its mode is not off.</summary>
    public bool RunsUnder(GuardrailPolicy policy) => IsLoaded && policy.ModeFor(GuardrailCheckNames.GuardModel) != GuardrailMode.Off;

    /// <summary>Loads the configured guard model, if any. A bad file throws <see cref="ModelFormatException"/> (or
    /// <see cref="FileNotFoundException"/>) naming it as the guard model, so startup fails with one clear line.</summary>
    public void Load()
    {
        if (options.Value.GuardModel is not { } settings || _model is not null) return;
        if (!File.Exists(settings.Path)) throw new FileNotFoundException($"guard model file not found: {settings.Path}", settings.Path);
        try
        {
            _model = EngineGuardModel.Load(settings.Path, options.Value.Threads, settings.KvCacheBytes);
        }
        catch (ModelFormatException e)
        {
            throw new ModelFormatException($"guard model {settings.Path}: {e.Message}", e);
        }
        _guard = new LlamaGuard(_model);
        Loaded(logger, settings.Path);
    }

    /// <summary>
    /// The guard's verdict on the last <paramref name="judged"/> turn of <paramref name="conversation"/>, or null when it
    /// could not judge (logged without text, counted as outcome <c>error</c>). Cancellation by the caller propagates.
    /// </summary>
    public async Task<GuardModelVerdict?> JudgeAsync(IReadOnlyList<(GuardRole Role, string Text)> conversation, GuardRole judged, GuardrailStage stage, CancellationToken ct)
    {
        var guard = _guard ?? throw new InvalidOperationException("no guard model is loaded");
        var stageName = stage == GuardrailStage.Output ? "output" : "input";
        var start = System.Diagnostics.Stopwatch.GetTimestamp();
        GuardModelVerdict? verdict = null;
        try
        {
            verdict = await guard.ClassifyAsync(conversation, judged, ct).ConfigureAwait(false);
            // Once per process: a model that is not a guard model answers every text that way (the metric counts them all).
            if (verdict.Outcome == GuardModelOutcome.Unparseable && Interlocked.Exchange(ref _unparseableLogged, 1) == 0) Unparseable(logger, stageName);
            return verdict;
        }
        catch (Exception e) when (!(e is OperationCanceledException && ct.IsCancellationRequested))
        {
            Failed(logger, stageName, e.GetType().Name, e.Message);
            return null;
        }
        finally
        {
            var outcome = verdict?.Outcome.ToString().ToLowerInvariant() ?? "error";
            metrics.GuardModelSeconds.WithLabels(stageName, outcome).Observe(System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalSeconds);
        }
    }

    public void Dispose()
    {
        _guard = null;
        _model?.Dispose();
        _model = null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "guard model loaded from {Path}")]
    private static partial void Loaded(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "guard model failed to judge an {Stage} text ({Type}: {Reason})")]
    private static partial void Failed(ILogger logger, string stage, string type, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "guard model answered an {Stage} text with neither safe nor unsafe (counted as gantry_guard_model_seconds{{outcome=\"unparseable\"}}; logged once): is it a Llama Guard model?")]
    private static partial void Unparseable(ILogger logger, string stage);
}
