using Gantry.Gateway;
using Gantry.Gateway.Hosting;

namespace Gantry.Gateway.Tests.Routing;

public sealed class GatewayOptionsTests
{
    [Fact]
    public void Validate_NoReplicas_Throws() =>
        Assert.Equal(nameof(GatewayOptions.Replicas), Assert.Throws<ArgumentException>(() => new GatewayOptions().Validate()).ParamName);

    [Fact]
    public void Validate_UnknownPolicy_Throws() =>
        Assert.Equal(nameof(GatewayOptions.Policy), Assert.Throws<ArgumentException>(() => new GatewayOptions { Replicas = [new Uri("http://127.0.0.1:1/")], Policy = "random" }.Validate()).ParamName);

    [Fact]
    public void Validate_NonHttpReplica_Throws() =>
        Assert.Throws<ArgumentException>(() => new GatewayOptions { Replicas = [new Uri("ftp://127.0.0.1:1/")] }.Validate());

    [Theory]
    [InlineData("dns:gantry-replicas.default.svc:8000", "gantry-replicas.default.svc", 8000)]
    [InlineData("dns:localhost:1", "localhost", 1)]
    public void DnsSource_Parse_ReadsNameAndPort(string spec, string name, int port) =>
        Assert.Equal(new DnsReplicaSource(name, port), DnsReplicaSource.Parse(spec));

    [Theory]
    [InlineData("localhost:8000")]
    [InlineData("dns::8000")]
    [InlineData("dns:host:0")]
    [InlineData("dns:host:x")]
    [InlineData("srv:host:80")]
    public void DnsSource_Parse_Malformed_Throws(string spec) => Assert.Throws<FormatException>(() => DnsReplicaSource.Parse(spec));
}
