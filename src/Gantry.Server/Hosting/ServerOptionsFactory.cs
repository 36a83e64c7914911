using Gantry.Server.Configuration;
using Microsoft.Extensions.Options;

namespace Gantry.Server.Hosting;

/// <summary>
/// The options factory of <see cref="ServerOptions"/>: each instance starts as a copy of the options the caller built
/// (a record, so <c>with { }</c> copies every field), then the usual configure, post-configure and validate steps run
/// over the copy. The caller's instance is never changed.
/// </summary>
internal sealed class ServerOptionsFactory(ServerOptions seed, IEnumerable<IConfigureOptions<ServerOptions>> setups,
    IEnumerable<IPostConfigureOptions<ServerOptions>> postConfigures, IEnumerable<IValidateOptions<ServerOptions>> validations)
    : OptionsFactory<ServerOptions>(setups, postConfigures, validations)
{
    protected override ServerOptions CreateInstance(string name) => seed with { };
}
