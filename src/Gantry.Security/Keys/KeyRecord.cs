namespace Gantry.Security.Keys;

/// <summary>A stored key: its public id, whom it speaks for, and when it was made or revoked. Holds no secret or hash.</summary>
public sealed record KeyRecord(KeyId Id, Tenant Tenant, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt)
{
    public bool IsActive => RevokedAt is null;
}
