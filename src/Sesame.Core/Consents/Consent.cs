namespace Sesame.Core.Consents;

/// <summary>
/// "Je consens" (seed 001, "Communication des renseignements personnels"): which service may receive which
/// information about a person, for what purpose, since when. A consent is asked again when the claims
/// change, and a withdrawn one stays as a record (Law 25: consents are kept with their purpose and date).
/// </summary>
public sealed class Consent
{
    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    /// <summary>The person (identity) behind the account when the consent was given; codes follow it.</summary>
    public Guid PersonId { get; set; }

    public string ClientId { get; set; } = "";

    /// <summary>The claims consented to, space-separated and sorted.</summary>
    public string Claims { get; set; } = "";

    public string Purpose { get; set; } = "";

    /// <summary>The identification code given to this service, to find the person behind a token's subject.</summary>
    public string Subject { get; set; } = "";

    public DateTimeOffset GrantedAt { get; set; }

    public DateTimeOffset? WithdrawnAt { get; set; }
}
