using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Gantry.Cli.Bench;

/// <summary>
/// Streams <c>/v1/completions</c> with a token-id prompt (so the prompt has exactly the requested length on any model),
/// <c>ignore_eos</c> and <c>max_tokens</c> (so it generates exactly the requested count), timing each SSE chunk.
/// Parses only the final usage chunk; every other data line is one token's text.
/// </summary>
internal sealed class HttpBenchTarget : IBenchTarget
{
    private readonly HttpClient _http;
    private readonly Uri _endpoint;
    private readonly string _model;

    public HttpBenchTarget(Uri baseUrl, string model)
    {
        if (!baseUrl.IsLoopback) throw new Commands.CliUsageException($"--url must be a loopback address (got {baseUrl.Host}); bench-serve only loads local servers");
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
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false), Encoding.UTF8);
            double ttft = 0;
            long last = 0;
            var itl = new List<double>(genTokens);
            var output = 0;
            var done = false;
            while (await reader.ReadLineAsync(ct).ConfigureAwait(false) is { } line)
            {
                if (!line.StartsWith("data: ", StringComparison.Ordinal)) continue;
                if (line.AsSpan(6).SequenceEqual("[DONE]"))
                {
                    done = true;
                    break;
                }
                if (line.Contains("\"usage\":{", StringComparison.Ordinal))
                {
                    using var doc = JsonDocument.Parse(line.AsMemory(6));
                    output = doc.RootElement.GetProperty("usage").GetProperty("completion_tokens").GetInt32();
                    continue;
                }
                if (line.Contains("\"error\"", StringComparison.Ordinal)) return RequestTiming.Failed(line);
                if (line.Contains("\"finish_reason\":\"", StringComparison.Ordinal)) continue; // the final chunk carries no token
                var now = Stopwatch.GetTimestamp();
                if (last == 0) ttft = Stopwatch.GetElapsedTime(start, now).TotalSeconds;
                else itl.Add(Stopwatch.GetElapsedTime(last, now).TotalSeconds);
                last = now;
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
