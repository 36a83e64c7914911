using System.CommandLine;
using Gantry.Cli.Hub;

namespace Gantry.Cli.Commands;

/// <summary>
/// <c>gantry pull hf://OWNER/REPO/FILE.gguf [--revision R]</c>: downloads a file from the Hugging Face Hub (or the
/// mirror in <c>HF_ENDPOINT</c>, with <c>HF_TOKEN</c>) into the Hugging Face cache, resuming a partial download and
/// checking its SHA-256, then prints its local path on stdout.
/// </summary>
internal static class PullCommand
{
    public static Command Build()
    {
        var file = new Argument<string>("file") { Description = "hf://OWNER/REPO/FILE.gguf (the hf:// may be left out)" };
        var revision = new Option<string>("--revision") { Description = "Branch, tag or commit", DefaultValueFactory = _ => "main" };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress bar" };
        var command = new Command("pull", "Download a model file from the Hugging Face Hub into its cache (HF_ENDPOINT, HF_TOKEN, HF_HOME, HF_HUB_CACHE)")
        {
            file, revision, quiet,
        };
        command.SetAction(parse =>
        {
            var target = HubFileRef.Parse(parse.GetValue(file)!, parse.GetValue(revision)!);
            using var http = HubClient.CreateHttp();
            using (var bar = TerminalProgressBar.Create(parse.GetValue(quiet)))
            {
                var path = HubClient.FromEnvironment(http).DownloadAsync(target, bar).GetAwaiter().GetResult();
                bar?.Dispose();
                Console.Out.WriteLine(path);
            }
            return 0;
        });
        return command;
    }
}
