using Gantry.TestSupport;

namespace Gantry.Cli.Tests.Hub;

/// <summary><c>gantry pull</c> and <c>--model hf://…</c> against <see cref="FakeHub"/>, through the real command.</summary>
public sealed class PullCommandTests : IAsyncLifetime
{
    private readonly string _cache = Directory.CreateTempSubdirectory("gantry-hub-").FullName;
    private readonly byte[] _model = File.ReadAllBytes(SharedModels.Stories260K);
    private FakeHub _hub = null!;
    private string _sha = "";

    public async Task InitializeAsync()
    {
        _hub = await FakeHub.StartAsync();
        _sha = _hub.Add("acme/tiny", "stories.gguf", _model);
        _hub.Add("acme/secret", "stories.gguf", _model, isPrivate: true);
        Environment.SetEnvironmentVariable("HF_ENDPOINT", _hub.Url);
        Environment.SetEnvironmentVariable("HF_HUB_CACHE", _cache);
        Environment.SetEnvironmentVariable("HF_TOKEN", null);
    }

    public async Task DisposeAsync()
    {
        foreach (var name in new[] { "HF_ENDPOINT", "HF_HUB_CACHE", "HF_TOKEN" }) Environment.SetEnvironmentVariable(name, null);
        await _hub.DisposeAsync();
        Directory.Delete(_cache, recursive: true);
    }

    private string Repo => Path.Combine(_cache, "models--acme--tiny");

    [Fact]
    public void Pull_NewFile_FollowsRedirectIntoHubCacheLayout()
    {
        var r = CliRunner.Run("pull", "hf://acme/tiny/stories.gguf");

        Assert.True(r.ExitCode == 0, r.Stderr);
        var path = r.Stdout.Trim();
        Assert.Equal(Path.Combine(Repo, "snapshots", FakeHub.Commit, "stories.gguf"), path);
        Assert.Equal(Path.Combine("..", "..", "blobs", _sha), new FileInfo(path).LinkTarget);
        Assert.Equal(_model, File.ReadAllBytes(path));
        Assert.Equal(FakeHub.Commit, File.ReadAllText(Path.Combine(Repo, "refs", "main")));
        Assert.Empty(Directory.GetFiles(Path.Combine(Repo, "blobs"), "*.incomplete"));
        Assert.Equal("", r.Stderr); // no progress bar when stderr is not a terminal
    }

    [Fact]
    public void Pull_PartialBlob_ResumesWithRangeAndChecksIt()
    {
        Directory.CreateDirectory(Path.Combine(Repo, "blobs"));
        File.WriteAllBytes(Path.Combine(Repo, "blobs", _sha + ".incomplete"), _model[..1000]);

        var r = CliRunner.Run("pull", "acme/tiny/stories.gguf");

        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains(_hub.Log, l => l.StartsWith($"GET /cdn/{_sha} range=bytes=1000-", StringComparison.Ordinal));
        Assert.Equal(_model, File.ReadAllBytes(r.Stdout.Trim()));
    }

    [Fact]
    public void Pull_CorruptTransfer_FailsAndKeepsNoBlob()
    {
        _hub.CorruptBody = [.. _model[..^1], (byte)(_model[^1] ^ 1)];

        var r = CliRunner.Run("pull", "hf://acme/tiny/stories.gguf");

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("do not match the Hub's hash", r.Stderr);
        Assert.Empty(Directory.GetFiles(Path.Combine(Repo, "blobs")));
    }

    [Fact]
    public void Pull_PrivateRepo_401WithoutTokenThenWorksWithHfToken()
    {
        var denied = CliRunner.Run("pull", "hf://acme/secret/stories.gguf");
        Assert.Equal(2, denied.ExitCode);
        Assert.Contains("HF_TOKEN", denied.Stderr);
        Assert.Single(denied.StderrLines);

        Environment.SetEnvironmentVariable("HF_TOKEN", FakeHub.Token);
        var r = CliRunner.Run("pull", "hf://acme/secret/stories.gguf");
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains(_hub.Log, l => l.StartsWith("HEAD /acme/secret/resolve/main/stories.gguf", StringComparison.Ordinal) && l.EndsWith($"auth=Bearer {FakeHub.Token}", StringComparison.Ordinal));
        Assert.Contains(_hub.Log, l => l.StartsWith("GET /cdn/", StringComparison.Ordinal) && l.EndsWith("auth=Bearer " + FakeHub.Token, StringComparison.Ordinal)); // same host here, so the token goes along
    }

    [Fact]
    public void Pull_MissingFile_404SaysSo()
    {
        var r = CliRunner.Run("pull", "hf://acme/tiny/nope.gguf");

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("no such file in acme/tiny", r.Stderr);
    }

    [Theory]
    [InlineData("hf://acme/tiny")]
    [InlineData("hf://acme/../x/f.gguf")]
    public void Pull_BadReference_ExitsTwo(string reference)
    {
        var r = CliRunner.Run("pull", reference);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("hf://OWNER/REPO/FILE.gguf", r.Stderr);
    }

    [Fact]
    public async Task InfoWithHfModel_SecondRunUsesCacheWhenHubIsGone()
    {
        var first = CliRunner.Run("info", "--model", "hf://acme/tiny/stories.gguf");
        Assert.True(first.ExitCode == 0, first.Stderr);
        Assert.Contains("tinyllamas-stories-260k", first.Stdout);

        await _hub.DisposeAsync(); // no network: the cached snapshot of main answers
        var second = CliRunner.Run("info", "--model", "hf://acme/tiny/stories.gguf");
        Assert.True(second.ExitCode == 0, second.Stderr);
        Assert.Equal(first.Stdout, second.Stdout);
        _hub = await FakeHub.StartAsync(); // for DisposeAsync
    }
}
