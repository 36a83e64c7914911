using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gantry.TestSupport;

namespace Gantry.Server.Tests.Lifecycle;

/// <summary><c>/admin/models</c>: the registry over HTTP, and load/unload/swap on the running server.</summary>
public sealed class ModelAdminTests : IAsyncLifetime
{
    private LifecycleHost _host = null!;

    public async Task InitializeAsync() => _host = await LifecycleHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static string Json(string? path = null, string? version = null) =>
        JsonSerializer.Serialize(new Dictionary<string, string?> { ["path"] = path, ["version"] = version });

    private async Task<JsonElement[]> ListAsync() =>
        (await _host.Http.GetFromJsonAsync<JsonElement>("/admin/models")).GetProperty("data").EnumerateArray().ToArray();

    [Fact]
    public async Task Serve_RegistersWhatItServes_AndNamesTheVersionOnResponses()
    {
        var listed = Assert.Single(await ListAsync());
        Assert.Equal("stories", listed.GetProperty("name").GetString());
        Assert.Equal("v1", listed.GetProperty("version").GetString());
        Assert.True(listed.GetProperty("loaded").GetBoolean());
        Assert.Equal(64, listed.GetProperty("sha256").GetString()!.Length);
        using var r = await _host.CompleteAsync();
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal("v1", LifecycleHost.Version(r));
    }

    [Fact]
    public async Task Register_ThenDelete_AndErrors()
    {
        using var created = await _host.PostAsync("/admin/models", $$"""{"name":"tiny","version":"a","path":"{{SharedModels.LlamaTinyRandom}}","notes":"n"}""");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Contains(await ListAsync(), v => v.GetProperty("name").GetString() == "tiny" && !v.GetProperty("loaded").GetBoolean());
        using var again = await _host.PostAsync("/admin/models", $$"""{"name":"tiny","version":"a","path":"{{SharedModels.LlamaTinyRandom}}"}""");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        using var missing = await _host.PostAsync("/admin/models", """{"name":"tiny","version":"b"}""");
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal("invalid_value", await LifecycleHost.ErrorCode(missing));
        using var noFile = await _host.PostAsync("/admin/models", """{"name":"tiny","version":"b","path":"/nonexistent.gguf"}""");
        Assert.Equal(HttpStatusCode.BadRequest, noFile.StatusCode);
        using var badJson = await _host.PostAsync("/admin/models", "{");
        Assert.Equal(HttpStatusCode.BadRequest, badJson.StatusCode);
        using var routed = await _host.Http.DeleteAsync("/admin/models/stories/v1");
        Assert.Equal(HttpStatusCode.Conflict, routed.StatusCode);
        using var deleted = await _host.Http.DeleteAsync("/admin/models/tiny/a");
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        using var gone = await _host.Http.DeleteAsync("/admin/models/tiny/a");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task LoadSwapUnload_ChangeWhatIsServed()
    {
        using var load = await _host.PostAsync("/admin/models/tiny/load", Json(SharedModels.LlamaTinyRandom, "r1"));
        Assert.Equal(HttpStatusCode.OK, load.StatusCode);
        using (var r = await _host.CompleteAsync("tiny")) Assert.Equal("r1", LifecycleHost.Version(r));
        using var loadAgain = await _host.PostAsync("/admin/models/tiny/load", Json(SharedModels.Stories260K, "r2"));
        Assert.Equal(HttpStatusCode.Conflict, loadAgain.StatusCode);
        using var swap = await _host.PostAsync("/admin/models/tiny/swap", Json(SharedModels.Stories260K, "r2"));
        Assert.Equal(HttpStatusCode.OK, swap.StatusCode);
        var answer = await swap.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("r1", answer.GetProperty("retired")[0].GetString());
        using (var r = await _host.CompleteAsync("tiny")) Assert.Equal("r2", LifecycleHost.Version(r));
        using var back = await _host.PostAsync("/admin/models/tiny/swap", Json(version: "r1"));
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
        using (var r = await _host.CompleteAsync("tiny")) Assert.Equal("r1", LifecycleHost.Version(r));
        using var unload = await _host.PostAsync("/admin/models/tiny/unload", "{}");
        Assert.Equal(HttpStatusCode.OK, unload.StatusCode);
        using var after = await _host.CompleteAsync("tiny");
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
    }

    [Fact]
    public async Task LoadAndSwap_BadInput_ClearErrors()
    {
        using var nothing = await _host.PostAsync("/admin/models/stories/swap", "{}");
        Assert.Equal(HttpStatusCode.BadRequest, nothing.StatusCode);
        using var unknownVersion = await _host.PostAsync("/admin/models/stories/swap", Json(version: "v9"));
        Assert.Equal(HttpStatusCode.NotFound, unknownVersion.StatusCode);
        using var unknownModel = await _host.PostAsync("/admin/models/nope/swap", Json(SharedModels.Stories260K, "x"));
        Assert.Equal(HttpStatusCode.NotFound, unknownModel.StatusCode);
        using var same = await _host.PostAsync("/admin/models/stories/swap", Json(version: "v1"));
        Assert.Equal(HttpStatusCode.Conflict, same.StatusCode);
        using var unloadUnknown = await _host.PostAsync("/admin/models/nope/unload", "{}");
        Assert.Equal(HttpStatusCode.NotFound, unloadUnknown.StatusCode);
        using var bad = new TempFile();
        File.WriteAllText(bad.Path, "not a model");
        using var corrupt = await _host.PostAsync("/admin/models/stories/swap", Json(bad.Path, "broken"));
        Assert.Equal(HttpStatusCode.BadRequest, corrupt.StatusCode);
        using (var r = await _host.CompleteAsync()) Assert.Equal("v1", LifecycleHost.Version(r)); // still serving the old version
    }
}
