namespace Gantry.Server.Tests.Dashboard;

/// <summary>
/// <c>/dashboard</c> in a real headless Chromium against a real server: the page loads, lists the served model, and
/// its numbers move after requests. Every wait is a bounded poll of the page (generous: CI machines are loaded).
/// </summary>
public sealed class DashboardBrowserTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Dashboard_InHeadlessChromium_ShowsModelAndNumbersMoveAfterRequests()
    {
        var (server, http) = await ServerFixture.StartAsync(ServerFixture.Options());
        await using var _ = server;
        using var __ = http;
        await using var browser = await HeadlessChromium.StartAsync(Patience);
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var ct = cts.Token;

        await browser.NavigateAsync(new Uri(server.Url, "/dashboard?interval_ms=250"), ct);
        const string Row = "document.querySelector('#models tr[data-model=\"stories\"]')";
        Assert.True(await browser.WaitForAsync($"document.body !== null && Number(document.body.dataset.polls || 0) >= 2 && {Row} !== null", Patience, ct),
            "the page never showed the served model: " + browser.LastError);
        Assert.Equal("Gantry dashboard", (string?)await browser.EvaluateAsync("document.title", ct));
        Assert.Equal(7, (int?)await browser.EvaluateAsync("document.querySelectorAll('#charts canvas').length", ct));
        var requestsBefore = await IntFieldAsync(browser, "requests_finished", ct);
        var tokensBefore = await IntFieldAsync(browser, "generated_tokens", ct);

        for (var i = 0; i < 3; i++)
        {
            var r = await CompleteAsync(http);
            Assert.True(r.IsSuccessStatusCode, await r.Content.ReadAsStringAsync(ct));
        }

        Assert.True(await browser.WaitForAsync(
            $"Number({Field("requests_finished")}) >= {requestsBefore + 3} && Number({Field("generated_tokens")}) >= {tokensBefore + 24}", Patience, ct),
            "the counters did not move: " + await browser.EvaluateAsync($"{Row}.textContent", ct));
        // latency percentiles come from the /metrics histograms: now they hold samples, so every cell shows milliseconds
        var ttft = (string?)await browser.EvaluateAsync(Field("ttft"), ct);
        var itl = (string?)await browser.EvaluateAsync(Field("itl"), ct);
        Assert.Matches(@"^\d[\d.]* / \d[\d.]* / \d[\d.]* ms$", ttft);
        Assert.Matches(@"^\d[\d.]* / \d[\d.]* / \d[\d.]* ms$", itl);
        // the page's rate over the polls that saw the requests was positive (the samples it charts)
        Assert.True(await browser.WaitForAsync(
            "window.gantryDashboard.samples.some(s => (s.values['stories|tps'] ?? 0) > 0)", Patience, ct),
            "tokens/s never rose above zero");
        Assert.Equal("", (string?)await browser.EvaluateAsync("document.getElementById('status').className.replace('status', '').trim()", ct));
    }

    private static Task<HttpResponseMessage> CompleteAsync(HttpClient http) => http.PostAsync("/v1/completions", new StringContent(
            """{"model":"stories","prompt":"Once upon a time","max_tokens":8,"ignore_eos":true,"temperature":0}""",
            System.Text.Encoding.UTF8, "application/json"));

    private static string Field(string name) =>
        $"document.querySelector('#models tr[data-model=\"stories\"] td[data-field=\"{name}\"]').textContent";

    private static async Task<int> IntFieldAsync(HeadlessChromium browser, string name, CancellationToken ct) =>
        int.Parse((string)(await browser.EvaluateAsync(Field(name), ct))!, System.Globalization.CultureInfo.InvariantCulture);
}
