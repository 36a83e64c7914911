using System.Diagnostics;
using Gantry.Engine;
using Gantry.Models.Architectures;
using Gantry.Models;
using Gantry.Tensors.Threading;

namespace Gantry.Cli.Bench;

/// <summary>The baseline: the same requests straight into an in-process <see cref="LlmEngine"/>, no HTTP, no JSON.</summary>
internal sealed class EngineBenchTarget : IBenchTarget
{
    private readonly WorkerPool _pool;
    private readonly ILanguageModel _model;
    private readonly LlmEngine _engine;

    public EngineBenchTarget(string path, int threads, EngineOptions options)
    {
        _pool = new WorkerPool(threads);
        _model = ModelLoader.Load(path, _pool);
        _engine = new LlmEngine(_model, options);
    }

    public async Task<RequestTiming> RunAsync(int[] promptTokens, int genTokens, CancellationToken ct)
    {
        var request = new GenerationRequest { PromptTokens = promptTokens, MaxTokens = genTokens, IgnoreEndOfGeneration = true };
        var start = Stopwatch.GetTimestamp();
        double ttft = 0;
        long last = 0;
        var itl = new List<double>(genTokens);
        try
        {
            await foreach (var e in _engine.GenerateAsync(request, ct).ConfigureAwait(false))
            {
                if (e.FinishReason is { } reason)
                {
                    if (reason is FinishReason.Error or FinishReason.Cancelled) return RequestTiming.Failed(e.Error ?? reason.ToString());
                    return new RequestTiming(true, ttft, Stopwatch.GetElapsedTime(start).TotalSeconds, e.Usage?.CompletionTokens ?? 0, itl);
                }
                var now = Stopwatch.GetTimestamp();
                if (last == 0) ttft = Stopwatch.GetElapsedTime(start, now).TotalSeconds;
                else itl.Add(Stopwatch.GetElapsedTime(last, now).TotalSeconds);
                last = now;
            }
            return RequestTiming.Failed("the stream ended without a finish event");
        }
        catch (QueueFullException e)
        {
            return RequestTiming.Failed(e.Message);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _engine.DisposeAsync().ConfigureAwait(false);
        _model.Dispose();
        _pool.Dispose();
    }
}
