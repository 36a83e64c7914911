using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gantry.Models.Tests.ChatTemplates;

/// <summary>
/// Python's Jinja2, set up as transformers' apply_chat_template sets it up (Corpus/render_jinja2.py), run once per
/// test run on a batch of (template, variables) jobs. The expected outputs therefore come from Jinja2 itself at test
/// time. Needs python3 with jinja2 (Debian's python3-jinja2; .ci/run installs it).
/// </summary>
internal static class Jinja2Reference
{
    /// <summary>The instant strftime_now reads, in Python and (through a fixed clock) in Gantry.</summary>
    public static readonly DateTime Now = new(2024, 7, 26, 9, 30, 5, DateTimeKind.Unspecified);

    /// <summary>Per job: {"text": ...} or {"error": ..., "kind": ...}.</summary>
    public static JsonArray Render(IReadOnlyList<(string Template, JsonObject Variables)> jobs)
    {
        var request = new JsonObject
        {
            ["now"] = Now.ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
            ["jobs"] = new JsonArray(jobs.Select(j => (JsonNode)new JsonObject { ["template"] = j.Template, ["variables"] = j.Variables.DeepClone() }).ToArray()),
        };
        var start = new ProcessStartInfo("python3", [Path.Combine(CorpusFiles.Directory, "render_jinja2.py")])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
        };
        using var python = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        var stdout = python.StandardOutput.ReadToEndAsync();
        var stderr = python.StandardError.ReadToEndAsync();
        python.StandardInput.Write(request.ToJsonString());
        python.StandardInput.Close();
        if (!python.WaitForExit(TimeSpan.FromMinutes(5))) { python.Kill(); throw new TimeoutException("render_jinja2.py hung"); }
        if (python.ExitCode != 0)
            throw new InvalidOperationException($"render_jinja2.py failed (python3 with jinja2 is required: apt-get install python3-jinja2): {stderr.Result}");
        var results = JsonNode.Parse(stdout.Result)!.AsArray();
        if (results.Count != jobs.Count) throw new InvalidOperationException("render_jinja2.py answered the wrong number of jobs");
        return results;
    }
}

/// <summary>A clock fixed at <see cref="Jinja2Reference.Now"/>, local time = UTC, so strftime_now matches Python's.</summary>
internal sealed class FixedClock(DateTime now) : TimeProvider
{
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override DateTimeOffset GetUtcNow() => new(DateTime.SpecifyKind(now, DateTimeKind.Utc));
}
