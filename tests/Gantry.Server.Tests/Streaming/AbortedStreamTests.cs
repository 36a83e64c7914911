using System.Collections.Concurrent;
using System.Text;
using Gantry.Server.Hosting;
using Microsoft.Extensions.Logging;

namespace Gantry.Server.Tests.Streaming;

/// <summary>
/// Clients that drop a stream mid-way, over and over (completions and chat, n = 1 and n = 2, at varying moments):
/// nothing is logged as an unhandled error (the session must never dispose an engine enumerator while a read is in
/// flight, which throws NotSupportedException), every KV block comes back, and the server keeps answering.
/// </summary>
public sealed class AbortedStreamTests
{
    private const int Rounds = 24;

    [Fact]
    public async Task Stream_AbortedRepeatedly_NoUnhandledErrorAndServerKeepsServing()
    {
        var logs = new ConcurrentQueue<string>();
        await using var server = GantryServer.Create(ServerFixture.Options(), logLevel: LogLevel.Warning,
            configureLogging: b => b.AddProvider(new CapturingLoggerProvider(logs)));
        await server.StartAsync();
        await server.ModelsLoaded;
        // Disposing an unread response must close the connection (not drain it), or the server never sees the client leave.
        using var leaver = new HttpClient(new SocketsHttpHandler { MaxResponseDrainSize = 0 }) { BaseAddress = server.Url };
        using var http = new HttpClient { BaseAddress = server.Url, Timeout = TimeSpan.FromSeconds(60) };

        for (var round = 0; round < Rounds; round++)
        {
            var chat = round % 2 == 0;
            var n = round % 4 < 2 ? 1 : 2;
            var path = chat ? "/v1/chat/completions" : "/v1/completions";
            var prompt = chat ? $$"""
                "messages":[{"role":"user","content":"Story {{round}}"}]
                """ : $$"""
                "prompt":"Once upon a time {{round}}"
                """;
            var body = $$"""{"model":"stories",{{prompt}},"n":{{n}},"max_tokens":400,"ignore_eos":true,"stream":true,"temperature":0.8,"seed":{{round}}}""";
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            var response = await leaver.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(200, (int)response.StatusCode);
            var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            var events = 1 + round % 5; // leave at different points of the stream
            while (events > 0 && await reader.ReadLineAsync() is { } line)
                if (line.StartsWith("data: ", StringComparison.Ordinal)) events--;
            reader.Dispose();
            response.Dispose(); // aborts the connection mid-stream
        }

        using var ok = await http.PostAsync("/v1/completions", new StringContent("""{"model":"stories","prompt":"Once","max_tokens":4}""", Encoding.UTF8, "application/json"));
        Assert.Equal(200, (int)ok.StatusCode);
        var engine = server.Registry.Models[0].Engine;
        for (var i = 0; i < 250 && engine.Stats.BlocksUsed != 0; i++) await Task.Delay(20);
        Assert.Equal(0, engine.Stats.BlocksUsed);
        await server.StopAsync();
        var errors = logs.Where(l => l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Critical", StringComparison.Ordinal) || l.Contains("Exception", StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count == 0, "logged: " + string.Join("\n", errors));
    }

    /// <summary>Every log line as "Level category: message exception".</summary>
    private sealed class CapturingLoggerProvider(ConcurrentQueue<string> sink) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, sink);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> sink) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                sink.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
        }
    }
}
