using Gantry.Cli.Hub;

namespace Gantry.Cli.Commands;

/// <summary>Turns a <c>--model</c> value into a local file: paths pass through, <c>hf://OWNER/REPO/FILE.gguf</c> is
/// found in the Hugging Face cache or downloaded into it first (see <see cref="HubClient"/>).</summary>
internal static class ModelLocator
{
    public static string Resolve(string model)
    {
        if (!HubFileRef.IsHubUri(model)) return model;
        using var http = HubClient.CreateHttp();
        using var bar = TerminalProgressBar.Create();
        return HubClient.FromEnvironment(http).DownloadAsync(HubFileRef.Parse(model), bar).GetAwaiter().GetResult();
    }
}
