using System.Globalization;
using System.Text;
using Gantry.Server.Catalog;

namespace Gantry.Server.Metrics;

/// <summary>
/// The series the Gateway API Inference Extension's endpoint picker scrapes from model servers (its model-server
/// protocol), under the vLLM names it reads when a pool is not configured otherwise: queue
/// (<c>vllm:num_requests_waiting</c>), running batch (<c>vllm:num_requests_running</c>), KV use 0–1
/// (<c>vllm:kv_cache_usage_perc</c>, and the older <c>vllm:gpu_cache_usage_perc</c>), the KV layout
/// (<c>vllm:cache_config_info{block_size,num_gpu_blocks}</c>, value 1) and LoRA adapters
/// (<c>vllm:lora_requests_info{max_lora,running_lora_adapters,waiting_lora_adapters}</c>, comma-separated names, value
/// the Unix time of the sample as vLLM writes it; the names come from the engine's running and waiting sequences). All are
/// declared gauges. Written by hand because prometheus-net rejects ':' in metric names.
/// </summary>
internal static class GatewayMetrics
{
    public const string Waiting = "vllm:num_requests_waiting";
    public const string Running = "vllm:num_requests_running";
    public const string KvUsage = "vllm:kv_cache_usage_perc";
    public const string GpuCacheUsage = "vllm:gpu_cache_usage_perc";
    public const string CacheConfig = "vllm:cache_config_info";
    public const string LoraRequests = "vllm:lora_requests_info";

    /// <param name="maxLoras">The <c>max_lora</c> label: adapters that may be loaded at once (<c>--max-loras</c>).</param>
    public static string Render(IReadOnlyList<ServedModel> models, TimeProvider? time = null, int maxLoras = 0)
    {
        var sb = new StringBuilder();
        var stats = models.Select(m => (Name: Escape(m.Name), Stats: m.Engine.Stats)).ToList();
        Header(sb, Waiting, "Requests waiting to be processed.");
        foreach (var (name, s) in stats) Sample(sb, Waiting, $"model_name=\"{name}\"", s.Waiting);
        Header(sb, Running, "Requests currently running.");
        foreach (var (name, s) in stats) Sample(sb, Running, $"model_name=\"{name}\"", s.Running);
        Header(sb, KvUsage, "KV-cache usage; 1 means 100 percent.");
        foreach (var (name, s) in stats) Sample(sb, KvUsage, $"model_name=\"{name}\"", s.KvUsage);
        Header(sb, GpuCacheUsage, "KV-cache usage; 1 means 100 percent (older name).");
        foreach (var (name, s) in stats) Sample(sb, GpuCacheUsage, $"model_name=\"{name}\"", s.KvUsage);
        Header(sb, CacheConfig, "Information of the KV cache configuration (value 1; the labels carry it).");
        foreach (var (name, s) in stats)
        {
            var labels = string.Create(CultureInfo.InvariantCulture, $"model_name=\"{name}\",block_size=\"{s.BlockSize}\",num_gpu_blocks=\"{s.BlocksTotal}\"");
            Sample(sb, CacheConfig, labels, 1);
        }
        Header(sb, LoraRequests, "Running and waiting LoRA adapters (comma-separated); value is the sample's Unix time.");
        var now = (time ?? TimeProvider.System).GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;
        foreach (var (name, s) in stats)
        {
            var running = Escape(string.Join(',', s.RunningLoraAdapters));
            var waiting = Escape(string.Join(',', s.WaitingLoraAdapters));
            var labels = string.Create(CultureInfo.InvariantCulture, $"model_name=\"{name}\",max_lora=\"{maxLoras}\",running_lora_adapters=\"{running}\",waiting_lora_adapters=\"{waiting}\"");
            Sample(sb, LoraRequests, labels, now);
        }
        return sb.ToString();
    }

    private static void Header(StringBuilder sb, string name, string help) =>
        sb.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n').Append("# TYPE ").Append(name).Append(" gauge\n");

    private static void Sample(StringBuilder sb, string name, string labels, double value) =>
        sb.Append(name).Append('{').Append(labels).Append("} ").Append(value.ToString("R", CultureInfo.InvariantCulture)).Append('\n');

    private static string Escape(string label) => label.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n");
}
