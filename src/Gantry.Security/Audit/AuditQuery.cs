namespace Gantry.Security.Audit;

/// <summary>Which audit records to read: since a time, optionally one tenant, newest first, at most <see cref="Limit"/>.</summary>
public sealed record AuditQuery(DateTimeOffset Since, string? Tenant = null, int Limit = 1000);
