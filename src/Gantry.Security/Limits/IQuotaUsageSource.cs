using Gantry.Security.Keys;

namespace Gantry.Security.Limits;

/// <summary>Tokens a key has already used since a moment — how quotas survive a restart (the audit log answers it).</summary>
public interface IQuotaUsageSource
{
    long TokensSince(KeyId key, DateTimeOffset since);
}
