using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Gantry.Cli.Bench;

/// <summary>
/// Streams <c>/v1/completions</c> with a token-id prompt (so the prompt has exactly the requested length on any model),
/// <c>ignore_eos</c> and <c>max_tokens</c> (so it generates exactly the requested count), timing each SSE chunk.
/// Reads the stream as bytes and parses only the final usage chunk (<see cref="SseEvent"/>); every other data line is
/// one token's text, a finish chunk, an error or the end.
/// </summary>
internal sealed class HttpBenchTarget : IBenchTarget
{
    private readonly HttpClient _http;
    private readonly Uri _endpoint;
    private readonly string _model;

    public HttpBenchTarget(Uri baseUrl, string model)
    {
        if (!baseUrl.IsLoopback) throw new CliUsageException($"--url must be a loopback address (got {baseUrl.Host}); bench-serve only loads local servers");
        _http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, UseProxy = false, AutomaticDecompression = DecompressionMethods.None })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _endpoint = new Uri(baseUrl, "/v1/completions");
        _model = model;
    }

    public async Task<RequestTiming> RunAsync(int[] promptTokens, int genTokens, CancellationToken ct)
    {
        var body = Body(promptTokens, genTokens);
        var start = Stopwatch.GetTimestamp();
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new("application/json");
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
                return RequestTiming.Failed($"HTTP {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false)}");
            using var lines = new SseLineReader(await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false));
            double ttft = 0;
            long last = 0;
            var itl = new List<double>(genTokens);
            var output = 0;
            var done = false;
            while (!done && await lines.FillAsync(ct).ConfigureAwait(false))
            {
                while (lines.TryReadLine(out var line))
                {
                    var kind = SseEvent.Classify(line);
                    if (kind == SseEventKind.Done)
                    {
                        done = true;
                        break;
                    }
                    if (kind == SseEventKind.Usage) output = SseEvent.CompletionTokens(line);
                    else if (kind == SseEventKind.Error) return RequestTiming.Failed(Encoding.UTF8.GetString(line));
                    else if (kind == SseEventKind.Token)
                    {
                        var now = Stopwatch.GetTimestamp();
                        if (last == 0) ttft = Stopwatch.GetElapsedTime(start, now).TotalSeconds;
                        else itl.Add(Stopwatch.GetElapsedTime(last, now).TotalSeconds);
                        last = now;
                    }
                }
            }
            if (!done) return RequestTiming.Failed("the stream ended without [DONE]");
            return new RequestTiming(true, ttft, Stopwatch.GetElapsedTime(start).TotalSeconds, output, itl);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or JsonException or KeyNotFoundException)
        {
            return RequestTiming.Failed(e.Message);
        }
    }

    private byte[] Body(int[] prompt, int gen)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms))
        {
            w.WriteStartObject();
            w.WriteString("model", _model);
            w.WriteStartArray("prompt");
            foreach (var t in prompt) w.WriteNumberValue(t);
            w.WriteEndArray();
            w.WriteNumber("max_tokens", gen);
            w.WriteNumber("temperature", 0);
            w.WriteBoolean("ignore_eos", true);
            w.WriteBoolean("stream", true);
            w.WriteStartObject("stream_options");
            w.WriteBoolean("include_usage", true);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return ms.ToArray();
    }

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        return ValueTask.CompletedTask;
    }
}
