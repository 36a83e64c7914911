using Gantry.Gateway.Replicas;

namespace Gantry.Gateway.Tests.Replicas;

public sealed class MetricsTextTests
{
    [Fact]
    public void ParseLoad_SumsRequestsOverModels_AndTakesTheFullestKvCache()
    {
        const string text = """
            # HELP vllm:num_requests_waiting Requests waiting.
            # TYPE vllm:num_requests_waiting gauge
            vllm:num_requests_waiting{model_name="a"} 2
            vllm:num_requests_waiting{model_name="b"} 3
            vllm:num_requests_running{model_name="a"} 4 1700000000000
            vllm:kv_cache_usage_perc{model_name="a"} 0.25
            vllm:kv_cache_usage_perc{model_name="b"} 0.5
            vllm:num_requests_waiting_total 99
            gantry_num_requests_waiting{model_name="a"} 7
            """;
        var load = MetricsText.ParseLoad(text);
        Assert.Equal(new ReplicaLoad(5, 4, 0.5), load);
    }

    [Fact]
    public void ParseLoad_NoGauges_IsNull() => Assert.Null(MetricsText.ParseLoad("# nothing\nfoo 1\n"));

    [Fact]
    public void ParseLoad_Garbage_IsIgnored() => Assert.Equal(new ReplicaLoad(0, 1, 0), MetricsText.ParseLoad("vllm:num_requests_waiting{x=\"1\"} NaNx\nvllm:num_requests_running 1"));
}
