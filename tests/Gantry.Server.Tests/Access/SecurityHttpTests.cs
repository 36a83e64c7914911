using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Gantry.Security;
using Gantry.Security.Audit;
using Gantry.Security.Keys;
using Gantry.Security.Storage;
using Gantry.Security.Tests.Security;

namespace Gantry.Server.Tests.Access;

public sealed class SecurityHttpTests
{
    private static Tenant User(TenantLimits? limits = null, params string[] models) => new("acme", TenantRole.User, models, limits ?? TenantLimits.Unlimited);

    private static async Task<JsonElement> ErrorOf(HttpResponseMessage r) =>
        (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error");

    [Fact]
    public async Task Completions_MissingOrInvalidKey_401OpenAiError()
    {
        await using var host = await SecurityTestHost.StartAsync(new ManualTimeProvider());
        var key = host.CreateKey(User());
        using var none = await host.Client.SendAsync(host.Completion(null, new { model = "m" }));
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        var e = await ErrorOf(none);
        Assert.Equal("invalid_api_key", e.GetProperty("code").GetString());
        Assert.Equal("invalid_request_error", e.GetProperty("type").GetString());
        Assert.True(e.TryGetProperty("message", out _) && e.TryGetProperty("param", out _));
        using var wrong = await host.Client.SendAsync(host.Completion(key with { Secret = new string('f', 64) }, new { model = "m" }));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        host.Services.Keys.Revoke(key.Id);
        using var revoked = await host.Client.SendAsync(host.Completion(key, new { model = "m" }));
        Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
        using var health = await host.Client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Completions_ValidKey_200WithRequestIdAndRateLimitHeaders()
    {
        await using var host = await SecurityTestHost.StartAsync(new ManualTimeProvider());
        var key = host.CreateKey(User(new TenantLimits { RequestsPerMinute = 10, TokensPerMinute = 1000 }));
        var req = host.Completion(key, new { model = "m", prompt_tokens = 10, max_tokens = 100, used = 20 });
        req.Headers.Add("x-request-id", "client-id-1");
        using var ok = await host.Client.SendAsync(req);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("client-id-1", ok.Headers.GetValues("x-request-id").Single());
        Assert.Equal("10", ok.Headers.GetValues("x-ratelimit-limit-requests").Single());
        Assert.Equal("9", ok.Headers.GetValues("x-ratelimit-remaining-requests").Single());
        Assert.Equal("1000", ok.Headers.GetValues("x-ratelimit-limit-tokens").Single());
        Assert.Equal("890", ok.Headers.GetValues("x-ratelimit-remaining-tokens").Single()); // 10 + 100 reserved
        Assert.True(ok.Headers.Contains("x-ratelimit-reset-requests") && ok.Headers.Contains("x-ratelimit-reset-tokens"));
        var bad = host.Completion(key, new { model = "m" });
        bad.Headers.TryAddWithoutValidation("x-request-id", "bad id\twith junk");
        using var generated = await host.Client.SendAsync(bad);
        Assert.StartsWith("req_", generated.Headers.GetValues("x-request-id").Single());
        var audit = host.Services.Audit.Query(new AuditQuery(DateTimeOffset.UnixEpoch));
        var first = audit.Single(a => a.RequestId == "client-id-1");
        Assert.Equal((key.Id.Value, "acme", "m", 10, 20, 200), (first.KeyId, first.Tenant, first.Model, first.PromptTokens, first.CompletionTokens, first.Status));
        Assert.Equal("127.0.0.1", first.Client);
    }

    [Fact]
    public async Task Completions_ForbiddenModel_403()
    {
        await using var host = await SecurityTestHost.StartAsync(new ManualTimeProvider());
        var key = host.CreateKey(User(null, "allowed"));
        using var ok = await host.Client.SendAsync(host.Completion(key, new { model = "allowed" }));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        using var forbidden = await host.Client.SendAsync(host.Completion(key, new { model = "other" }));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        var e = await ErrorOf(forbidden);
        Assert.Equal(("model_not_allowed", "model"), (e.GetProperty("code").GetString(), e.GetProperty("param").GetString()));
    }

    [Fact]
    public async Task Completions_OverRequestsPerMinute_429WithRetryAfterUntilClockAdvances()
    {
        var clock = new ManualTimeProvider();
        await using var host = await SecurityTestHost.StartAsync(clock);
        var key = host.CreateKey(User(new TenantLimits { RequestsPerMinute = 2 }));
        for (var i = 0; i < 2; i++)
        {
            using var ok = await host.Client.SendAsync(host.Completion(key, new { model = "m" }));
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }
        using var limited = await host.Client.SendAsync(host.Completion(key, new { model = "m" }));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("30", limited.Headers.GetValues("Retry-After").Single());
        Assert.Equal("0", limited.Headers.GetValues("x-ratelimit-remaining-requests").Single());
        Assert.Equal("1m0s", limited.Headers.GetValues("x-ratelimit-reset-requests").Single()); // until the bucket is full again
        Assert.Equal("rate_limit_exceeded", (await ErrorOf(limited)).GetProperty("code").GetString());
        clock.Advance(TimeSpan.FromSeconds(30));
        using var again = await host.Client.SendAsync(host.Completion(key, new { model = "m" }));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task Completions_TokensPerMinute_ReservedThenCorrected()
    {
        var clock = new ManualTimeProvider();
        await using var host = await SecurityTestHost.StartAsync(clock);
        var key = host.CreateKey(User(new TenantLimits { TokensPerMinute = 700 }));
        using var first = await host.Client.SendAsync(host.Completion(key, new { model = "m", prompt_tokens = 100, max_tokens = 400, used = 50 }));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("200", first.Headers.GetValues("x-ratelimit-remaining-tokens").Single()); // 500 reserved while running
        // completed with 100 + 50 used: 350 came back (550 left), so another 500-token reservation fits, a third does not
        using var second = await host.Client.SendAsync(host.Completion(key, new { model = "m", prompt_tokens = 100, max_tokens = 400 }));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        using var third = await host.Client.SendAsync(host.Completion(key, new { model = "m", prompt_tokens = 100, max_tokens = 400 }));
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.True(third.Headers.Contains("x-ratelimit-reset-tokens"));
        Assert.True(int.Parse(third.Headers.GetValues("Retry-After").Single()) >= 1);
    }

    [Fact]
    public async Task Completions_OverConcurrency_429()
    {
        await using var host = await SecurityTestHost.StartAsync(new ManualTimeProvider());
        var key = host.CreateKey(User(new TenantLimits { MaxConcurrent = 1 }));
        var slow = host.Client.SendAsync(host.Completion(key, new { model = "m", delay_ms = 1500 }));
        await WaitUntil(() => host.Services.Limiters.For(host.Services.Keys.Find(key.Id)!).Snapshot() is not null && host.Services.Audit.Query(new AuditQuery(DateTimeOffset.UnixEpoch)).Count == 0);
        await Task.Delay(300);
        using var refused = await host.Client.SendAsync(host.Completion(key, new { model = "m" }));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        using var done = await slow;
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        using var after = await host.Client.SendAsync(host.Completion(key, new { model = "m" }));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task Completions_DailyQuota_429InsufficientQuota()
    {
        await using var host = await SecurityTestHost.StartAsync(new ManualTimeProvider());
        var key = host.CreateKey(User(new TenantLimits { TokensPerDay = 100 }));
        using var ok = await host.Client.SendAsync(host.Completion(key, new { model = "m", prompt_tokens = 10, max_tokens = 50 }));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        using var over = await host.Client.SendAsync(host.Completion(key, new { model = "m", prompt_tokens = 10, max_tokens = 50 }));
        Assert.Equal(HttpStatusCode.TooManyRequests, over.StatusCode);
        Assert.Equal("insufficient_quota", (await ErrorOf(over)).GetProperty("code").GetString());
        Assert.Equal("43200", over.Headers.GetValues("Retry-After").Single()); // noon → midnight UTC
    }

    [Fact]
    public async Task Completions_PerTenantRequestLimits_400And413And408()
    {
        await using var host = await SecurityTestHost.StartAsync(new ManualTimeProvider());
        var key = host.CreateKey(User(new TenantLimits { MaxN = 2, MaxTokens = 100, MaxPromptTokens = 50, MaxBodyBytes = 2048, TimeoutSeconds = 1 }));
        foreach (var (body, param) in new (object, string)[]
                 {
                     (new { model = "m", n = 3 }, "n"),
                     (new { model = "m", max_tokens = 101 }, "max_tokens"),
                     (new { model = "m", prompt_tokens = 51 }, "prompt"),
                 })
        {
            using var r = await host.Client.SendAsync(host.Completion(key, body));
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
            Assert.Equal(param, (await ErrorOf(r)).GetProperty("param").GetString());
        }
        using var big = await host.Client.SendAsync(host.Completion(key, new { model = "m", prompt = new string('x', 4000) }));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, big.StatusCode);
        Assert.Equal("request_too_large", (await ErrorOf(big)).GetProperty("code").GetString());
        using var slow = await host.Client.SendAsync(host.Completion(key, new { model = "m", delay_ms = 10_000 }));
        Assert.Equal(HttpStatusCode.RequestTimeout, slow.StatusCode);
        Assert.Equal("request_timeout", (await ErrorOf(slow)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Admin_KeysUsageAudit_AdminOnly()
    {
        await using var host = await SecurityTestHost.StartAsync(new ManualTimeProvider());
        var admin = host.Services.Keys.Create(new Tenant("ops", TenantRole.Admin, [], TenantLimits.Unlimited)).Key;
        var user = host.CreateKey(User());
        HttpRequestMessage As(ApiKey k, HttpMethod m, string path, object? body = null)
        {
            var r = new HttpRequestMessage(m, path) { Content = body is null ? null : JsonContent.Create(body) };
            r.Headers.Authorization = new("Bearer", k.Reveal());
            return r;
        }
        using var forbidden = await host.Client.SendAsync(As(user, HttpMethod.Get, "/admin/keys"));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal("admin_required", (await ErrorOf(forbidden)).GetProperty("code").GetString());
        using var anonymous = await host.Client.GetAsync("/admin/usage");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        using var created = await host.Client.SendAsync(As(admin, HttpMethod.Post, "/admin/keys", new { tenant = "beta", models = new[] { "m" }, rpm = 5 }));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var info = await created.Content.ReadFromJsonAsync<JsonElement>();
        var newKey = ApiKey.TryParse(info.GetProperty("key").GetString()!)!;
        Assert.Equal(5, info.GetProperty("rpm").GetInt32());
        using var used = await host.Client.SendAsync(host.Completion(newKey, new { model = "m", prompt_tokens = 7, max_tokens = 3 }));
        Assert.Equal(HttpStatusCode.OK, used.StatusCode);

        using var list = await host.Client.SendAsync(As(admin, HttpMethod.Get, "/admin/keys"));
        var listed = await list.Content.ReadAsStringAsync();
        Assert.Contains(newKey.Id.Value, listed);
        Assert.DoesNotContain(newKey.Secret, listed);

        using var usage = await host.Client.SendAsync(As(admin, HttpMethod.Get, "/admin/usage?since=0"));
        var row = (await usage.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").EnumerateArray().Single(r => r.GetProperty("tenant").GetString() == "beta");
        Assert.Equal((1.0, 7.0, 3.0), (row.GetProperty("requests").GetDouble(), row.GetProperty("prompt_tokens").GetDouble(), row.GetProperty("completion_tokens").GetDouble()));
        using var dp = await host.Client.SendAsync(As(admin, HttpMethod.Get, "/admin/usage?since=0&dp_epsilon=1.0"));
        var dpJson = await dp.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1.0, dpJson.GetProperty("dp_epsilon").GetDouble());
        Assert.Equal(4096, dpJson.GetProperty("token_clamp").GetInt64());
        using var badEps = await host.Client.SendAsync(As(admin, HttpMethod.Get, "/admin/usage?dp_epsilon=-1"));
        Assert.Equal(HttpStatusCode.BadRequest, badEps.StatusCode);

        using var audit = await host.Client.SendAsync(As(admin, HttpMethod.Get, "/admin/audit?since=0&tenant=beta"));
        Assert.Single((await audit.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").EnumerateArray());

        using var revoke = await host.Client.SendAsync(As(admin, HttpMethod.Delete, $"/admin/keys/{newKey.Id.Value}"));
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        using var gone = await host.Client.SendAsync(host.Completion(newKey, new { model = "m" }));
        Assert.Equal(HttpStatusCode.Unauthorized, gone.StatusCode);
        using var again = await host.Client.SendAsync(As(admin, HttpMethod.Delete, $"/admin/keys/{newKey.Id.Value}"));
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task Keys_NeverInStateFileOrLogs_PromptsOnlyRedacted()
    {
        var dir = new TempStateDir();
        var keys = new List<ApiKey>();
        string[] logs;
        await using (var host = await SecurityTestHost.StartAsync(new ManualTimeProvider(), logPrompts: true, dir: dir))
        {
            var admin = host.Services.Keys.Create(new Tenant("ops", TenantRole.Admin, [], TenantLimits.Unlimited)).Key;
            keys.Add(admin);
            var r = new HttpRequestMessage(HttpMethod.Post, "/admin/keys") { Content = JsonContent.Create(new { tenant = "beta" }) };
            r.Headers.Authorization = new("Bearer", admin.Reveal());
            using var created = await host.Client.SendAsync(r);
            var k = ApiKey.TryParse((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!)!;
            keys.Add(k);
            using var ok = await host.Client.SendAsync(host.Completion(k, new { model = "m", prompt = "mail me at alice@example.com" }));
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            using var bad = await host.Client.SendAsync(host.Completion(k with { Secret = new string('a', 64) }, new { model = "m" }));
            var audit = host.Services.Audit.Query(new AuditQuery(DateTimeOffset.UnixEpoch)).Single(a => a.Status == 200 && a.Endpoint == "/v1/completions");
            Assert.Equal("mail me at [EMAIL]", audit.Prompt);
            logs = [.. host.Logs];
        }
        try
        {
            Assert.NotEmpty(logs);
            var bytes = Directory.GetFiles(dir.Path).SelectMany(File.ReadAllBytes).ToArray();
            var file = Encoding.ASCII.GetString(bytes);
            Assert.DoesNotContain("alice@example.com", file);
            foreach (var k in keys)
            {
                Assert.DoesNotContain(k.Secret, file);
                Assert.Equal(-1, bytes.AsSpan().IndexOf(Convert.FromHexString(k.Secret)));
                Assert.DoesNotContain(logs, l => l.Contains(k.Secret, StringComparison.OrdinalIgnoreCase));
            }
        }
        finally
        {
            dir.Dispose();
        }
    }

    [Fact]
    public async Task State_SurvivesRestart()
    {
        var dir = new TempStateDir();
        ApiKey key;
        await using (var host = await SecurityTestHost.StartAsync(new ManualTimeProvider(), dir: dir))
        {
            key = host.CreateKey(User(new TenantLimits { TokensPerDay = 100 }));
            using var ok = await host.Client.SendAsync(host.Completion(key, new { model = "m", prompt_tokens = 30, max_tokens = 50 }));
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }
        StateDatabase.ReleaseAll();
        var restarted = await SecurityTestHost.StartAsync(new ManualTimeProvider(), auth: null, dir: dir);
        await using (restarted)
        {
            Assert.Equal(AuthMode.Keys, restarted.Services.Mode); // keys exist, so the default is keys
            using var over = await restarted.Client.SendAsync(restarted.Completion(key, new { model = "m", prompt_tokens = 10, max_tokens = 20 }));
            Assert.Equal(HttpStatusCode.TooManyRequests, over.StatusCode); // 80 used before the restart, quota 100
            Assert.Single(restarted.Services.Audit.Query(new AuditQuery(DateTimeOffset.UnixEpoch)), a => a.Status == 200);
        }
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++) await Task.Delay(20);
    }
}
