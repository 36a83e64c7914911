using System.Globalization;
using System.Text;
using Gantry.Server.Catalog;

namespace Gantry.Server.Metrics;

/// <summary>
/// The gauges the Gateway API Inference Extension's endpoint picker scrapes from model servers (its model-server
/// protocol: TotalQueuedRequests, TotalRunningRequests, KVCacheUtilization), under the vLLM names it reads by default:
/// <c>vllm:num_requests_waiting</c>, <c>vllm:num_requests_running</c>, <c>vllm:kv_cache_usage_perc</c> and the older
/// <c>vllm:gpu_cache_usage_perc</c>. Written by hand because prometheus-net rejects ':' in metric names.
/// </summary>
internal static class GatewayMetrics
{
    public static string Render(IReadOnlyList<ServedModel> models)
    {
        var sb = new StringBuilder();
        Gauge(sb, "vllm:num_requests_waiting", "Requests waiting to be processed.", models, m => m.Engine.Stats.Waiting);
        Gauge(sb, "vllm:num_requests_running", "Requests currently running.", models, m => m.Engine.Stats.Running);
        Gauge(sb, "vllm:kv_cache_usage_perc", "KV-cache usage; 1 means 100 percent.", models, m => m.Engine.Stats.KvUsage);
        Gauge(sb, "vllm:gpu_cache_usage_perc", "KV-cache usage; 1 means 100 percent (older name).", models, m => m.Engine.Stats.KvUsage);
        return sb.ToString();
    }

    private static void Gauge(StringBuilder sb, string name, string help, IReadOnlyList<ServedModel> models, Func<ServedModel, double> value)
    {
        sb.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n');
        sb.Append("# TYPE ").Append(name).Append(" gauge\n");
        foreach (var m in models)
        {
            sb.Append(name).Append("{model_name=\"").Append(Escape(m.Name)).Append("\"} ")
              .Append(value(m).ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }
    }

    private static string Escape(string label) => label.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n");
}
