using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Gantry.Security;
using Gantry.Security.Storage;
using Gantry.Server.Configuration;
using Gantry.Server.Hosting;
using Gantry.TestSupport;
using Microsoft.Extensions.Logging;

namespace Gantry.Server.Tests.Lifecycle;

/// <summary>
/// Splits and canaries survive a restart: a server configures a sticky split on one model, a canary stopped half-way on
/// a second and a canary rolled back on a third, and stops; a server started on the same state folder resumes all
/// three (same weights and sticky assignments, the canary at its step, the rollback kept with its reason), says so in
/// its log and in the admin GETs, and a canary promoted after the restart is still promoted after the next one.
/// </summary>
public sealed class TrafficRestartTests
{
    private static string Body(object o) => JsonSerializer.Serialize(o);

    [Fact]
    public async Task SplitAndCanaries_ResumeAfterRestart_OnTheSameStateDir()
    {
        var dir = Directory.CreateTempSubdirectory("gantry-resume-").FullName;
        try
        {
            Dictionary<string, string> assignment;
            await using (var first = await Host.StartAsync(dir))
            {
                Assert.Equal(HttpStatusCode.Created, (await first.PostAsync("/admin/models", new { name = "stories", version = "b", path = SharedModels.Stories260K })).StatusCode);
                var split = await first.PostAsync("/admin/models/stories/split", new { versions = new[] { new { version = "v1", weight = 70 }, new { version = "b", weight = 30 } }, sticky = "user" });
                Assert.Equal(HttpStatusCode.OK, split.StatusCode);
                Assert.False((await split.Content.ReadFromJsonAsync<JsonElement>()).TryGetProperty("resumed", out _));
                assignment = await AssignAsync(first);
                Assert.Contains("b", assignment.Values);

                Assert.Equal(HttpStatusCode.OK, (await first.PostAsync("/admin/models/tales/canary", new
                {
                    path = SharedModels.Stories260K, version = "next", steps = new[] { 10, 50, 100 },
                    objectives = new { max_error_rate = 0.5, min_requests = 7, window_seconds = 120 },
                })).StatusCode);
                Assert.Equal(50, (await (await first.PostAsync("/admin/models/tales/canary/advance", new { })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("weight").GetInt32());

                Assert.Equal(HttpStatusCode.OK, (await first.PostAsync("/admin/models/fables/canary", new { path = SharedModels.Stories260K, version = "cand", steps = new[] { 50, 100 } })).StatusCode);
                Assert.Equal(HttpStatusCode.OK, (await first.PostAsync("/admin/models/fables/canary/rollback", new { })).StatusCode);
            }

            await using (var second = await Host.StartAsync(dir))
            {
                var split = await second.Http.GetFromJsonAsync<JsonElement>("/admin/models/stories/split");
                Assert.True(split.GetProperty("resumed").GetBoolean());
                Assert.Equal("user", split.GetProperty("sticky").GetString());
                Assert.Equal("v1=70,b=30", string.Join(",", split.GetProperty("versions").EnumerateArray().Select(v => $"{v.GetProperty("version").GetString()}={v.GetProperty("weight").GetInt32()}")));
                Assert.Equal(assignment, await AssignAsync(second));

                var tales = await second.Http.GetFromJsonAsync<JsonElement>("/admin/models/tales/canary");
                Assert.Equal(("running", 50, "next", "v1", true), (tales.GetProperty("state").GetString(), tales.GetProperty("weight").GetInt32(),
                    tales.GetProperty("candidate").GetString(), tales.GetProperty("stable").GetString(), tales.GetProperty("resumed").GetBoolean()));
                Assert.Equal([10, 50, 100], tales.GetProperty("steps").EnumerateArray().Select(s => s.GetInt32()));
                var served = new List<string>();
                for (var i = 0; i < 40; i++) served.Add(await VersionAsync(second, "tales")); // P(one version never picked at 50%) = 2^-39
                Assert.Equal(["next", "v1"], served.Distinct().Order());
                // The resumed canary is watched again: its window counts the candidate's requests since the restart.
                Assert.Equal(served.Count(v => v == "next"), (await second.Http.GetFromJsonAsync<JsonElement>("/admin/models/tales/canary")).GetProperty("window_requests").GetInt32());

                var fables = await second.Http.GetFromJsonAsync<JsonElement>("/admin/models/fables/canary");
                Assert.Equal(("rolled_back", true), (fables.GetProperty("state").GetString(), fables.GetProperty("resumed").GetBoolean()));
                Assert.StartsWith("rolled back by command", fables.GetProperty("reason").GetString());
                for (var i = 0; i < 10; i++) Assert.Equal("v1", await VersionAsync(second, "fables"));

                Assert.Contains(second.Log, l => l.Contains("'stories': resumed from the state folder: split v1=70, b=30 (sticky user)", StringComparison.Ordinal));
                Assert.Contains(second.Log, l => l.Contains("'tales': resumed from the state folder: canary of 'next' over 'v1', running at weight 50%", StringComparison.Ordinal));
                Assert.Contains(second.Log, l => l.Contains("'fables': resumed from the state folder: canary of 'cand' over 'v1', rolled_back", StringComparison.Ordinal));

                var promoted = await second.PostAsync("/admin/models/tales/canary/advance", new { });
                Assert.Equal("promoted", (await promoted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString());
                // A change after the resume: the split is the operator's again, no longer "resumed".
                await second.PostAsync("/admin/models/stories/split", new { versions = new[] { new { version = "v1", weight = 70 }, new { version = "b", weight = 30 } }, sticky = "user" });
                Assert.False((await second.Http.GetFromJsonAsync<JsonElement>("/admin/models/stories/split")).TryGetProperty("resumed", out _));
            }

            await using var third = await Host.StartAsync(dir);
            var again = await third.Http.GetFromJsonAsync<JsonElement>("/admin/models/tales/canary");
            Assert.Equal(("promoted", 100), (again.GetProperty("state").GetString(), again.GetProperty("weight").GetInt32()));
            for (var i = 0; i < 5; i++) Assert.Equal("next", await VersionAsync(third, "tales"));
        }
        finally
        {
            StateDatabase.ReleaseAll();
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        }
    }

    private static async Task<string> VersionAsync(Host host, string model, string? user = null)
    {
        using var r = await host.PostAsync("/v1/completions", new { model, prompt = "Once", max_tokens = 1, user });
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        return LifecycleHost.Version(r);
    }

    private static async Task<Dictionary<string, string>> AssignAsync(Host host)
    {
        var result = new Dictionary<string, string>();
        for (var u = 0; u < 20; u++)
        {
            var first = await VersionAsync(host, "stories", $"user-{u}");
            Assert.Equal(first, await VersionAsync(host, "stories", $"user-{u}"));
            result[$"user-{u}"] = first;
        }
        return result;
    }

    /// <summary>A real server serving stories260K as "stories", "tales" and "fables" on a given state folder, its log captured.</summary>
    private sealed class Host : IAsyncDisposable
    {
        private Host(GantryServer server, ConcurrentQueue<string> log)
        {
            Server = server;
            Log = log;
            Http = new HttpClient { BaseAddress = server.Url, Timeout = TimeSpan.FromSeconds(60) };
        }

        public GantryServer Server { get; }

        public HttpClient Http { get; }

        public ConcurrentQueue<string> Log { get; }

        public static async Task<Host> StartAsync(string dir)
        {
            var options = ServerFixture.Options(1024, new ModelSpec(SharedModels.Stories260K, "stories"), new ModelSpec(SharedModels.Stories260K, "tales"),
                new ModelSpec(SharedModels.Stories260K, "fables")) with { Security = new SecuritySettings { StateDir = dir, Auth = AuthMode.None } };
            var log = new ConcurrentQueue<string>();
            var server = GantryServer.Create(options, logLevel: LogLevel.Information, configureLogging: b => b.AddProvider(new Capture(log)));
            await server.StartAsync();
            await server.ModelsLoaded;
            return new Host(server, log);
        }

        public Task<HttpResponseMessage> PostAsync(string path, object body) =>
            Http.PostAsync(path, new StringContent(Body(body), Encoding.UTF8, "application/json"));

        public async ValueTask DisposeAsync()
        {
            Http.Dispose();
            await Server.DisposeAsync();
        }
    }

    private sealed class Capture(ConcurrentQueue<string> sink) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(sink);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<string> sink) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                sink.Enqueue(formatter(state, exception));
        }
    }
}
