using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Gantry.Security;
using Gantry.Security.Audit;
using Gantry.Security.Keys;
using Gantry.Security.Storage;
using Gantry.Server.Hosting;

namespace Gantry.Server.Tests.Security;

/// <summary>The security layer inside the real server: Kestrel on a free port, stories260K, keys in a temporary state folder.</summary>
public sealed class ServerSecurityTests : IAsyncLifetime
{
    private readonly string _stateDir = Directory.CreateTempSubdirectory("gantry-server-sec-").FullName;
    private GantryServer _server = null!;
    private HttpClient _http = null!;
    private KeyStore _keys = null!;

    public async Task InitializeAsync()
    {
        _keys = new KeyStore(StateDatabase.Open(_stateDir), TimeProvider.System);
        (_server, _http) = await ServerFixture.StartAsync(ServerFixture.Options() with { Security = new SecuritySettings { StateDir = _stateDir, Auth = AuthMode.Keys, LogPrompts = true } });
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
        StateDatabase.ReleaseAll();
        try { Directory.Delete(_stateDir, recursive: true); } catch (IOException) { }
    }

    private Task<HttpResponseMessage> Complete(ApiKey? key, string model = ServerFixture.Model, int maxTokens = 4, string? requestId = null)
    {
        var r = new HttpRequestMessage(HttpMethod.Post, "/v1/completions")
        {
            Content = new StringContent($$"""{"model":"{{model}}","prompt":"Once upon a time, mail bob@example.com","max_tokens":{{maxTokens}},"temperature":0}""", Encoding.UTF8, "application/json"),
        };
        if (key is not null) r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key.Reveal());
        if (requestId is not null) r.Headers.Add("x-request-id", requestId);
        return _http.SendAsync(r);
    }

    private static async Task<string?> Code(HttpResponseMessage r) =>
        (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetProperty("code").GetString();

    [Fact]
    public async Task Completions_WithoutKey_401_HealthStaysOpen()
    {
        using var r = await Complete(null);
        Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
        Assert.Equal("invalid_api_key", await Code(r));
        using var models = await _http.GetAsync("/v1/models");
        Assert.Equal(HttpStatusCode.Unauthorized, models.StatusCode);
        using var health = await _http.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task ApplyTemplate_BehindTheSameKeys_401_403_200()
    {
        Task<HttpResponseMessage> Apply(ApiKey? key)
        {
            var r = new HttpRequestMessage(HttpMethod.Post, "/apply-template")
            {
                Content = new StringContent($$"""{"model":"{{ServerFixture.Model}}","messages":[{"role":"user","content":"Hi"}]}""", Encoding.UTF8, "application/json"),
            };
            if (key is not null) r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key.Reveal());
            return _http.SendAsync(r);
        }
        using var anonymous = await Apply(null);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("invalid_api_key", await Code(anonymous));
        using var forbidden = await Apply(_keys.Create(new Tenant("other", TenantRole.User, ["other-model"], TenantLimits.Unlimited)).Key);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal("model_not_allowed", await Code(forbidden));
        using var ok = await Apply(_keys.Create(new Tenant("acme", TenantRole.User, [ServerFixture.Model], TenantLimits.Unlimited)).Key);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Contains("Hi", (await ok.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("prompt").GetString());
    }

    [Fact]
    public async Task Completions_ForbiddenModel_403()
    {
        var key = _keys.Create(new Tenant("acme", TenantRole.User, ["other-model"], TenantLimits.Unlimited)).Key;
        using var r = await Complete(key);
        Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        Assert.Equal("model_not_allowed", await Code(r));
    }

    [Fact]
    public async Task Completions_WithKey_200HeadersAuditThen429()
    {
        var key = _keys.Create(new Tenant("acme", TenantRole.User, [ServerFixture.Model], new TenantLimits { RequestsPerMinute = 1, TokensPerMinute = 10_000 })).Key;
        using var ok = await Complete(key, requestId: "it-1");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("it-1", ok.Headers.GetValues("x-request-id").Single());
        Assert.Equal("1", ok.Headers.GetValues("x-ratelimit-limit-requests").Single());
        Assert.Equal("0", ok.Headers.GetValues("x-ratelimit-remaining-requests").Single());
        Assert.Equal("10000", ok.Headers.GetValues("x-ratelimit-limit-tokens").Single());
        var usage = (await ok.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("usage");
        using var limited = await Complete(key);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.Contains("Retry-After"));
        Assert.Equal("rate_limit_exceeded", await Code(limited));
        var audit = _server.Security!.Audit.Query(new AuditQuery(DateTimeOffset.UnixEpoch));
        var first = audit.Single(a => a.RequestId == "it-1");
        Assert.Equal(usage.GetProperty("prompt_tokens").GetInt32(), first.PromptTokens);
        Assert.Equal(usage.GetProperty("completion_tokens").GetInt32(), first.CompletionTokens);
        Assert.Equal((200, "acme", ServerFixture.Model), (first.Status, first.Tenant, first.Model));
        Assert.NotNull(first.Prompt);
        Assert.DoesNotContain("bob@example.com", first.Prompt);
        Assert.Contains(audit, a => a.Status == 429);
    }

    [Fact]
    public async Task Completions_PerKeyRequestLimits_400And413()
    {
        var key = _keys.Create(new Tenant("acme", TenantRole.User, [], new TenantLimits { MaxTokens = 2, MaxN = 1, MaxBodyBytes = 1024 })).Key;
        using var tooMany = await Complete(key, maxTokens: 4);
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Equal("limit_exceeded", await Code(tooMany));
        var big = new HttpRequestMessage(HttpMethod.Post, "/v1/completions")
        {
            Content = new StringContent($$"""{"model":"{{ServerFixture.Model}}","prompt":"{{new string('a', 4000)}}","max_tokens":1}""", Encoding.UTF8, "application/json"),
        };
        big.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key.Reveal());
        using var tooLarge = await _http.SendAsync(big);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal("request_too_large", await Code(tooLarge));
        using var ok = await Complete(key, maxTokens: 2);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task AdminUsage_AdminKeyOnly_DpExport()
    {
        var admin = _keys.Create(new Tenant("ops", TenantRole.Admin, [], TenantLimits.Unlimited)).Key;
        var user = _keys.Create(new Tenant("acme", TenantRole.User, [], TenantLimits.Unlimited)).Key;
        using var served = await Complete(user);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        var asUser = new HttpRequestMessage(HttpMethod.Get, "/admin/usage");
        asUser.Headers.Authorization = new AuthenticationHeaderValue("Bearer", user.Reveal());
        using var forbidden = await _http.SendAsync(asUser);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        var asAdmin = new HttpRequestMessage(HttpMethod.Get, "/admin/usage?since=0&dp_epsilon=1.0");
        asAdmin.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin.Reveal());
        using var usage = await _http.SendAsync(asAdmin);
        Assert.Equal(HttpStatusCode.OK, usage.StatusCode);
        var json = await usage.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1.0, json.GetProperty("dp_epsilon").GetDouble());
        Assert.Contains(json.GetProperty("data").EnumerateArray(), r => r.GetProperty("tenant").GetString() == "acme");
    }
}
