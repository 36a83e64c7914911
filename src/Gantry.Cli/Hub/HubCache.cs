namespace Gantry.Cli.Hub;

/// <summary>
/// The Hugging Face cache layout, shared with <c>huggingface_hub</c> so files either tool downloaded are found by the
/// other: <c>HUB/models--OWNER--REPO/blobs/ETAG</c> holds the bytes, <c>snapshots/COMMIT/PATH</c> links to the blob,
/// <c>refs/REVISION</c> holds the commit a branch or tag pointed to. HUB is <c>HF_HUB_CACHE</c>, else
/// <c>HF_HOME/hub</c>, else <c>~/.cache/huggingface/hub</c>.
/// </summary>
internal sealed class HubCache(string root)
{
    public string Root { get; } = root;

    public static HubCache FromEnvironment()
    {
        var hub = Environment.GetEnvironmentVariable("HF_HUB_CACHE");
        if (string.IsNullOrEmpty(hub))
        {
            var home = Environment.GetEnvironmentVariable("HF_HOME");
            if (string.IsNullOrEmpty(home))
            {
                var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
                home = Path.Combine(string.IsNullOrEmpty(xdg) ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache") : xdg, "huggingface");
            }
            hub = Path.Combine(home, "hub");
        }
        return new HubCache(hub);
    }

    public string RepoFolder(HubFileRef file) => Path.Combine(Root, $"models--{file.Owner}--{file.Repo}");

    public string BlobPath(HubFileRef file, string etag) => Path.Combine(RepoFolder(file), "blobs", etag);

    public string IncompletePath(HubFileRef file, string etag) => BlobPath(file, etag) + ".incomplete";

    public string SnapshotPath(HubFileRef file, string commit) =>
        Path.Combine([RepoFolder(file), "snapshots", commit, .. file.FilePath.Split('/')]);

    /// <summary>The cached file for the revision (a commit, or a branch whose ref was recorded), or null.</summary>
    public string? Find(HubFileRef file)
    {
        var commit = file.Revision;
        var refFile = Path.Combine(RepoFolder(file), "refs", file.Revision);
        if (File.Exists(refFile)) commit = File.ReadAllText(refFile).Trim();
        var snapshot = SnapshotPath(file, commit);
        return File.Exists(snapshot) ? snapshot : null; // File.Exists follows the link: a dangling one is a miss
    }

    /// <summary>Links <c>snapshots/COMMIT/PATH</c> to the blob (relative, as huggingface_hub does; a copy where links
    /// are not allowed) and records the revision's commit. Returns the snapshot path.</summary>
    public string Commit(HubFileRef file, string etag, string commit)
    {
        var snapshot = SnapshotPath(file, commit);
        Directory.CreateDirectory(Path.GetDirectoryName(snapshot)!);
        var blob = BlobPath(file, etag);
        if (File.Exists(snapshot) || Directory.Exists(snapshot) || new FileInfo(snapshot).LinkTarget is not null) File.Delete(snapshot);
        try
        {
            File.CreateSymbolicLink(snapshot, Path.GetRelativePath(Path.GetDirectoryName(snapshot)!, blob));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            File.Copy(blob, snapshot, overwrite: true);
        }
        if (file.Revision != commit)
        {
            var refs = Path.Combine(RepoFolder(file), "refs");
            Directory.CreateDirectory(Path.Combine(refs, Path.GetDirectoryName(file.Revision) ?? ""));
            File.WriteAllText(Path.Combine(refs, file.Revision), commit);
        }
        return snapshot;
    }
}
