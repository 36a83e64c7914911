using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Gantry.Server.Configuration;
using Gantry.Server.Tests.Lifecycle;

namespace Gantry.Server.Tests.Drift;

/// <summary>Drift gauges over HTTP: flat while the workload matches the reference, up (with one alert) once prompts get longer.</summary>
public sealed partial class DriftHttpTests
{
    private const string Psi = "gantry_model_drift_psi{model_name=\"stories\",version=\"v1\",feature=\"prompt_tokens\"}";

    private static async Task SendAsync(LifecycleHost host, string prompt, int count)
    {
        for (var i = 0; i < count; i++)
        {
            using var r = await host.PostAsync("/v1/completions", JsonSerializer.Serialize(new { model = "stories", prompt, max_tokens = 2, temperature = 0 }));
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        }
    }

    private static double Gauge(string metrics, string series)
    {
        var m = Regex.Match(metrics, Regex.Escape(series) + @" (\S+)");
        Assert.True(m.Success, $"{series} is not in /metrics");
        return double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task PromptLengthShift_RaisesPsiAndAlerts_UnshiftedStaysFlat()
    {
        await using var host = await LifecycleHost.StartAsync(o => o with { Drift = new DriftSettings { ReferenceRequests = 20, WindowRequests = 20, Threshold = 0.2 } });
        await SendAsync(host, "Once upon a time", 40); // the reference, then a window just like it
        var flat = await host.MetricsAsync();
        Assert.InRange(Gauge(flat, Psi), 0, 0.05);
        Assert.DoesNotContain("gantry_model_drift_alerts_total{model_name=\"stories\",version=\"v1\",feature=\"prompt_tokens\"}", flat);

        var longPrompt = string.Join(' ', Enumerable.Repeat("the little dog ran to the park and saw a big red ball", 6));
        await SendAsync(host, longPrompt, 20);
        var shifted = await host.MetricsAsync();
        Assert.True(Gauge(shifted, Psi) > 1, "every prompt moved to a bin the reference never saw");
        Assert.Equal(1, Gauge(shifted, "gantry_model_drift_alerts_total{model_name=\"stories\",version=\"v1\",feature=\"prompt_tokens\"}"));

        var status = await host.Http.GetFromJsonAsync<JsonElement>("/admin/models/stories/drift");
        var prompt = status.GetProperty("versions")[0].GetProperty("features").EnumerateArray().Single(f => f.GetProperty("feature").GetString() == "prompt_tokens");
        Assert.True(prompt.GetProperty("alert").GetBoolean());
        Assert.True(prompt.GetProperty("psi").GetDouble() > 1);

        using var reset = await host.PostAsync("/admin/models/stories/drift/reset", "{}");
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Equal(0, Gauge(await host.MetricsAsync(), Psi));
        using var unknown = await host.Http.GetAsync("/admin/models/nope/drift");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
