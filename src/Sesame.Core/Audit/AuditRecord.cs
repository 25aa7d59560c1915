namespace Sesame.Core.Audit;

/// <summary>
/// One row of the audit trail. Written in the same transaction as the change it records, then sealed into
/// the chain by <see cref="AuditSealer"/>: <see cref="Sequence"/>, <see cref="PreviousHash"/> and <see cref="Hash"/>
/// make any later change, removal or reordering visible to <see cref="AuditVerifier"/>.
/// </summary>
public sealed class AuditRecord
{
    public long Id { get; set; }

    public string Code { get; set; } = "";

    public string Actor { get; set; } = "";

    public Guid? Subject { get; set; }

    public string? Service { get; set; }

    public string? Organization { get; set; }

    public string Nature { get; set; } = "";

    public AuditOutcome Outcome { get; set; }

    public string? Detail { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    /// <summary>The client address with its last part removed (a /24 or /48): enough to investigate, not to locate.</summary>
    public string? Source { get; set; }

    /// <summary>The place in the chain, from 1 without gaps; null until sealed.</summary>
    public long? Sequence { get; set; }

    public byte[]? PreviousHash { get; set; }

    public byte[]? Hash { get; set; }
}
