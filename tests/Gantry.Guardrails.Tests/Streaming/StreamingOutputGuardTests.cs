using System.Text;
using Gantry.Guardrails.Pipeline;
using Gantry.Guardrails.Streaming;

namespace Gantry.Guardrails.Tests.Streaming;

public sealed class StreamingOutputGuardTests
{
    private const string Secret = "sk-proj-abc123XYZ789def456GHI012jkl345";

    private static readonly GuardrailPolicy Redacting = GuardrailPolicy.Default.WithAllModes(GuardrailMode.Redact);

    private static string Filler(int n) => string.Concat(Enumerable.Range(0, n).Select(i => "word" + (char)('a' + i % 26) + " "));

    /// <summary>Streams <paramref name="text"/> in deltas cut at <paramref name="cuts"/>; returns all released text.</summary>
    private static (string Released, StreamingGuardResult Last) Stream(string text, GuardrailPolicy policy, IEnumerable<int> deltaSizes)
    {
        var guard = new StreamingOutputGuard(policy);
        var sb = new StringBuilder();
        var pos = 0;
        StreamingGuardResult last = default;
        using var sizes = deltaSizes.GetEnumerator();
        while (pos < text.Length)
        {
            var n = sizes.MoveNext() ? Math.Min(sizes.Current, text.Length - pos) : text.Length - pos;
            last = guard.Push(text.AsSpan(pos, n));
            sb.Append(last.Text);
            pos += n;
            if (last.Blocked) return (sb.ToString(), last);
        }
        last = guard.Complete();
        return (sb.Append(last.Text).ToString(), last);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(50)]
    public void Push_SecretSplitAcrossDeltas_IsRedacted(int deltaSize)
    {
        var text = Filler(40) + "your key is " + Secret + " keep it safe. " + Filler(40);
        var (released, _) = Stream(text, Redacting, Enumerable.Repeat(deltaSize, 100_000));
        Assert.DoesNotContain("sk-proj", released);
        Assert.Equal(GuardrailPipelines.Output.Evaluate(text, Redacting).Redacted, released);
    }

    [Fact]
    public void Push_SecretAtEverySplitPoint_NeverReleased()
    {
        var text = Filler(30) + Secret + " and card 4111 1111 1111 1111 end";
        for (var split = 1; split < text.Length; split++)
        {
            var (released, _) = Stream(text, Redacting, [split, 2, 5, 1000]);
            Assert.DoesNotContain("abc123XYZ", released);
            Assert.DoesNotContain("4111", released);
        }
    }

    [Fact]
    public void Push_Block_EndsWithContentFilterAndError()
    {
        var policy = Redacting.WithMode(GuardrailCheckNames.Secrets, GuardrailMode.Block);
        var text = Filler(60) + "AKIAIOSFODNN7EXAMPLE " + Filler(60);
        var (released, last) = Stream(text, policy, Enumerable.Repeat(4, 100_000));
        Assert.True(last.Blocked);
        Assert.Equal("content_filter", last.FinishReason);
        Assert.Equal(GuardrailCheckNames.Secrets, last.Error!.Check);
        Assert.Equal(GuardrailError.BlockedCode, last.Error.Code);
        Assert.DoesNotContain("AKIA", released);
        Assert.DoesNotContain("AKIA", last.Error.Message);
    }

    [Fact]
    public void Push_AfterBlock_ReturnsSameBlock()
    {
        var guard = new StreamingOutputGuard(Redacting.WithMode(GuardrailCheckNames.Secrets, GuardrailMode.Block));
        guard.Push(Filler(10) + "AKIAIOSFODNN7EXAMPLE " + Filler(40));
        Assert.True(guard.IsBlocked);
        Assert.True(guard.Push("more").Blocked);
        Assert.True(guard.Complete().Blocked);
    }

    [Fact]
    public void Push_PrivateKeyLongerThanWindow_HeldUntilEndThenRedacted()
    {
        var body = string.Concat(Enumerable.Repeat("MIIEowIBAAKCAQEAuX3kZ9a8b7c6d5e4f3g2h1\n", 20));
        var text = Filler(30) + "-----BEGIN RSA PRIVATE KEY-----\n" + body + "-----END RSA PRIVATE KEY-----\n" + Filler(30);
        var (released, _) = Stream(text, Redacting, Enumerable.Repeat(5, 100_000));
        Assert.DoesNotContain("MIIE", released);
        Assert.Contains("[PRIVATE_KEY]", released);
        Assert.EndsWith(Filler(30), released);
    }

    [Fact]
    public void Push_JwtLongerThanWindow_NoPrefixReleased()
    {
        var payload = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(
            "{\"sub\":\"1234567890\",\"name\":\"John Doe\",\"admin\":true,\"iat\":1516239022,\"scope\":\"read write delete admin billing\"}")).TrimEnd('=');
        var jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9." + payload + ".SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
        Assert.True(jwt.Length > GuardrailPolicy.Default.StreamHoldBackChars);
        var text = Filler(30) + "token: " + jwt + " done. " + Filler(30);
        var (released, _) = Stream(text, Redacting, Enumerable.Repeat(4, 100_000));
        Assert.DoesNotContain("eyJ", released);
        Assert.DoesNotContain("SflKx", released);
    }

    [Fact]
    public void Push_PlainText_ReleasedUnchangedWithBoundedLag()
    {
        var text = Filler(200);
        var guard = new StreamingOutputGuard(GuardrailPolicy.Default);
        var released = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            released.Append(guard.Push(text.AsSpan(i, 1)).Text);
            Assert.True(i + 1 - released.Length <= GuardrailPolicy.Default.StreamHoldBackChars + 48);
        }
        released.Append(guard.Complete().Text);
        Assert.Equal(text, released.ToString());
    }

    [Fact]
    public void Push_SurrogatePairs_NeverSplit()
    {
        var text = string.Concat(Enumerable.Repeat("😀a", 300));
        var guard = new StreamingOutputGuard(GuardrailPolicy.Default);
        var all = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var r = guard.Push(text.AsSpan(i, 1)).Text;
            if (r.Length > 0) Assert.False(char.IsHighSurrogate(r[^1]));
            all.Append(r);
        }
        Assert.Equal(text, all.Append(guard.Complete().Text).ToString());
    }
}
