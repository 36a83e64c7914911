using Gantry.Security.Storage;
using Gantry.Server.Lifecycle;
using Gantry.TestSupport;

namespace Gantry.Server.Tests.Lifecycle;

public sealed class ModelVersionStoreTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("gantry-reg-").FullName;

    public void Dispose()
    {
        StateDatabase.ReleaseAll();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public void Add_ThenList_RecordsHashArchitectureQuantizationAndSize()
    {
        var store = ModelVersionStore.Open(_dir);
        var v = ModelFileInspector.Inspect("stories", "v1", SharedModels.Stories260K, "first", DateTimeOffset.UtcNow);
        store.Add(v);
        var listed = Assert.Single(store.List("stories"));
        Assert.Equal("llama", listed.Architecture);
        Assert.Equal("F32", listed.Quantization);
        Assert.Equal(new FileInfo(SharedModels.Stories260K).Length, listed.SizeBytes);
        using var file = File.OpenRead(SharedModels.Stories260K);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(file)), listed.Sha256);
        Assert.Equal("first", listed.Notes);
        Assert.Empty(store.List("other"));
    }

    [Fact]
    public void Add_SameNameAndVersion_Conflicts()
    {
        var store = ModelVersionStore.Open(_dir);
        store.Add(ModelFileInspector.Inspect("m", "v1", SharedModels.Stories260K, null, DateTimeOffset.UtcNow));
        var e = Assert.Throws<ModelLifecycleException>(() => store.Add(ModelFileInspector.Inspect("m", "v1", SharedModels.LlamaTinyRandom, null, DateTimeOffset.UtcNow)));
        Assert.Equal(409, e.Status);
    }

    [Fact]
    public void Remove_DeletesOnlyThatVersion()
    {
        var store = ModelVersionStore.Open(_dir);
        store.Add(ModelFileInspector.Inspect("m", "v1", SharedModels.Stories260K, null, DateTimeOffset.UtcNow));
        store.Add(ModelFileInspector.Inspect("m", "v2", SharedModels.LlamaTinyRandom, null, DateTimeOffset.UtcNow));
        Assert.True(store.Remove("m", "v1"));
        Assert.False(store.Remove("m", "v1"));
        Assert.Equal("v2", Assert.Single(store.List()).Version);
    }

    [Fact]
    public void Ensure_SameFileTwice_ReusesItsVersion_NewFileGetsNextLabel()
    {
        var store = ModelVersionStore.Open(_dir);
        ModelVersion Ensure(string path) => store.Ensure("m", path, new FileInfo(path).Length, label => ModelFileInspector.Inspect("m", label, path, null, DateTimeOffset.UtcNow));
        Assert.Equal("v1", Ensure(SharedModels.Stories260K).Version);
        Assert.Equal("v1", Ensure(SharedModels.Stories260K).Version);
        Assert.Equal("v2", Ensure(SharedModels.LlamaTinyRandom).Version);
        Assert.Equal(2, store.List("m").Count);
    }

    [Theory]
    [InlineData("", "v1")]
    [InlineData("a/b", "v1")]
    [InlineData("m", "")]
    [InlineData("m", "v\n1")]
    public void Check_BadNameOrVersion_Invalid(string name, string version) =>
        Assert.Equal(400, Assert.Throws<ModelLifecycleException>(() => ModelVersionStore.Check(name, version)).Status);

    [Fact]
    public void Inspect_NotGguf_Invalid()
    {
        using var bad = new TempFile();
        File.WriteAllText(bad.Path, "not a model");
        var e = Assert.Throws<ModelLifecycleException>(() => ModelFileInspector.Inspect("m", "v1", bad.Path, null, DateTimeOffset.UtcNow));
        Assert.Equal(400, e.Status);
        Assert.Equal("path", e.Param);
    }
}
