using Gantry.Cli.Hub;

namespace Gantry.Cli.Commands;

/// <summary>Turns a <c>--model</c> value into a local file: paths pass through, <c>hf://OWNER/REPO/FILE.gguf</c> is
/// found in the Hugging Face cache or downloaded into it first (see <see cref="HubClient"/>).</summary>
internal static class ModelLocator
{
    /// <summary>Files at least this large are paged in behind a progress bar before loading (on a terminal only).</summary>
    public const long LargeFileBytes = 256L << 20;

    public static string Resolve(string model)
    {
        if (!HubFileRef.IsHubUri(model)) return model;
        using var http = HubClient.CreateHttp();
        using var bar = TerminalProgressBar.Create();
        return HubClient.FromEnvironment(http).DownloadAsync(HubFileRef.Parse(model), bar).GetAwaiter().GetResult();
    }

    /// <summary><see cref="Resolve"/>, then <see cref="PageIn"/>: for commands that load the model and run it.</summary>
    public static string ResolveForLoad(string model)
    {
        var path = Resolve(model);
        PageIn(path);
        return path;
    }

    /// <summary>
    /// Loading maps the file, so the real cost of a large model is reading it from disk on the first forward pass, with
    /// nothing on screen. On a terminal this reads a large file once up front (into the page cache the mapping then
    /// uses) behind a progress bar; piped, or for small files, it does nothing.
    /// </summary>
    public static void PageIn(string path, long minimumBytes = LargeFileBytes)
    {
        if (!TerminalProgressBar.IsTerminal || !File.Exists(path)) return;
        var total = new FileInfo(path).Length;
        if (total < minimumBytes) return;
        using var bar = TerminalProgressBar.Create();
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var buffer = new byte[4 << 20];
        long done = 0;
        int read;
        var name = "loading " + Path.GetFileName(path);
        while ((read = stream.Read(buffer)) > 0)
        {
            done += read;
            bar?.Report(new DownloadStatus(name, done, total));
        }
    }
}
