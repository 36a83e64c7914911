using System.Diagnostics;
using Gantry.Server.Catalog;
using Gantry.Server.Configuration;
using Gantry.Server.Lifecycle;
using Gantry.Server.Metrics;
using Gantry.Server.Protocol;
using Gantry.Server.Streaming;

namespace Gantry.Server.Endpoints;

/// <summary>
/// Shadow traffic: a copy of a request run on a route's shadow version in the background. Its answer is read to the
/// end and discarded; its outcome and latency are kept (per-version metrics and the rollout window, labelled shadow;
/// the server's request series under <c>NAME:shadow</c>). A shadow that is not loaded is skipped, never loaded for a copy.
/// </summary>
internal static class ShadowCopy
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    public static void Start<T>(ModelSlot slot, T request, GenerationEndpoint.Validator<T> validate, ServerOptions options, ServerMetrics metrics, TrafficController traffic)
        where T : GenerationFields
    {
        if (slot.TryEnter(out var model) != ModelSlot.EnterResult.Entered) return;
        _ = Task.Run(async () =>
        {
            try
            {
                if (validate(request, model, options, null, out var plan) is not null) return;
                var recorder = metrics.For(model.Name + ":shadow");
                using var timeout = new CancellationTokenSource(Limit);
                var (session, refused) = await GenerationSession.StartAsync(plan, recorder, Stopwatch.GetTimestamp(), timeout.Token).ConfigureAwait(false);
                if (refused is not null)
                {
                    traffic.Record(slot, refused.Status < 500, -1, shadow: true);
                    return;
                }
                await using (session!.ConfigureAwait(false))
                    while (await session!.MoveNextAsync().ConfigureAwait(false)) { }
                traffic.Record(slot, recorder.Errors == 0, recorder.FirstTokenSeconds * 1000, shadow: true);
            }
            catch (Exception e) when (e is OperationCanceledException || ErrorMapper.Map(e) is not null)
            {
                traffic.Record(slot, false, -1, shadow: true);
            }
            finally
            {
                slot.Exit();
            }
        });
    }
}
