using System.Globalization;
using System.Net;
using System.Text;
using Sesame.Core.Data;
using Sesame.Core.Privacy;

namespace Sesame.Core.Audit;

/// <summary>
/// Adds audit records to the caller's unit of work, so that they are saved (or not) with the change they
/// record (architecture.md, principle 6). Appending never waits on the chain: sealing happens after.
/// </summary>
public sealed class AuditTrail(SesameDbContext db, TimeProvider time)
{
    /// <summary>The address of the request being served, set once per request by the host; the default source.</summary>
    public IPAddress? RequestSource { get; set; }

    public void Record(AuditEvent audit, IPAddress? source = null) => db.AuditRecords.Add(new AuditRecord
    {
        Code = audit.Code,
        Actor = audit.Actor,
        Subject = audit.Subject,
        Service = audit.Service,
        Organization = audit.Organization,
        Nature = audit.Nature,
        Outcome = audit.Outcome,
        Detail = audit.Detail,
        OccurredAt = time.GetUtcNow(),
        Source = Truncate(source ?? RequestSource),
    });

    /// <summary>An IPv4 address to its /24, an IPv6 one to its /48 (quality.md: no personal information beyond need).</summary>
    public static string? Truncate(IPAddress? address)
    {
        if (address is null)
        {
            return null;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        var bytes = address.GetAddressBytes();
        var keep = bytes.Length == 4 ? 3 : 6;
        for (var i = keep; i < bytes.Length; i++)
        {
            bytes[i] = 0;
        }

        return $"{new IPAddress(bytes)}/{keep * 8}";
    }

    /// <summary>The content a record's hash covers, in a fixed order and format.</summary>
    internal static string Canonical(AuditRecord record) => string.Join('\u001f',
        record.Sequence!.Value.ToString(CultureInfo.InvariantCulture),
        record.Id.ToString(CultureInfo.InvariantCulture),
        record.Code,
        record.Actor,
        record.Subject?.ToString("N") ?? "",
        record.Service ?? "",
        record.Organization ?? "",
        record.Nature,
        record.Outcome.ToString(),
        record.Detail ?? "",
        record.OccurredAt.UtcTicks.ToString(CultureInfo.InvariantCulture),
        record.Source ?? "");

    internal static byte[] HashOf(KeyedHasher hasher, AuditRecord record, byte[] previous) =>
        hasher.Hash("audit-v1", Canonical(record), Convert.ToBase64String(previous));

    /// <summary>What a pruning record's proof covers: the last record removed and its hash.</summary>
    internal static string[] PruningParts(long throughSequence, byte[] throughHash) =>
        ["audit-pruned-v1", throughSequence.ToString(CultureInfo.InvariantCulture), Convert.ToBase64String(throughHash)];

    internal static byte[] PruningProof(KeyedHasher hasher, long throughSequence, byte[] throughHash) =>
        hasher.Hash(PruningParts(throughSequence, throughHash));

    internal static readonly byte[] Genesis = Encoding.ASCII.GetBytes("sesame-audit-genesis");
}
