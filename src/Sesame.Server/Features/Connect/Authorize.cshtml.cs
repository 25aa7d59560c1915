using System.Globalization;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using Sesame.Core.Accounts;
using Sesame.Core.Audit;
using Sesame.Core.Consents;
using Sesame.Core.Data;
using Sesame.Core.Organizations;
using Sesame.Core.Services;
using Sesame.Server.Features.Proofing;
using Sesame.Server.Features.Shared;
using Sesame.Server.Infrastructure.Identity;
using Sesame.Server.Infrastructure.Localization;
using Sesame.Server.Oidc;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Sesame.Server.Features.Connect;

/// <summary>
/// The authorization endpoint (OpenID Connect Core §3.1.2), after OpenIddict has validated the request:
/// sign the person in if needed, check the level the service requires, ask for consent as seed 001 shows
/// it ("Communication des renseignements personnels"), then return the identification code.
/// Antiforgery is checked by hand on the consent buttons, because services may POST requests here.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class AuthorizeModel(
    SesameDbContext db,
    UserManager<SesameUser> users,
    IdentificationCodes codes,
    IdentificationClaims claims,
    IAntiforgery antiforgery,
    TimeProvider time) : SesamePageModel
{
    /// <summary>A fresh sign-in within this window satisfies prompt=login (also after a pushed request).</summary>
    private static readonly TimeSpan FreshSignIn = TimeSpan.FromMinutes(2);

    public RelyingParty Service { get; private set; } = new();

    public IReadOnlyList<string> Released { get; private set; } = [];

    /// <summary>The request's parameters, carried as hidden fields so the consent form repeats the request.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Parameters { get; private set; } = [];

    /// <summary>Set when the service requires a level the person cannot reach yet.</summary>
    public bool LevelUnavailable { get; private set; }

    /// <summary>Where the identification process starts, with this request to resume afterwards.</summary>
    public string IdentificationUrl { get; private set; } = "";

    public string ServiceName => Languages.Current == Languages.English ? Service.NameEn : Service.NameFr;

    public Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => HandleAsync(null, cancellationToken);

    public async Task<IActionResult> OnPostAsync([FromForm(Name = "decision")] string? decision, CancellationToken cancellationToken)
    {
        if (decision is not null && !await antiforgery.IsRequestValidAsync(HttpContext))
        {
            return BadRequest();
        }

        return await HandleAsync(decision, cancellationToken);
    }

    protected override async Task<IActionResult?> ReloadAsync() => await HandleAsync(null, HttpContext.RequestAborted);

    private async Task<IActionResult> HandleAsync(string? decision, CancellationToken cancellationToken)
    {
        if (HttpContext.GetOpenIddictServerResponse() is { Error: not null })
        {
            // A request that cannot be answered to the service (unknown client, unregistered redirect_uri).
            return BadRequest();
        }

        var request = HttpContext.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The authorization request could not be read.");
        var service = await db.RelyingParties.AsNoTracking().SingleOrDefaultAsync(r => r.ClientId == request.ClientId, cancellationToken);
        if (service is null)
        {
            return BadRequest();
        }

        Service = service;
        var session = await HttpContext.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var authenticatedAt = session.Principal is null ? null : SessionClaims.AuthenticatedAtOf(session.Principal);
        var now = time.GetUtcNow();
        if (!session.Succeeded || authenticatedAt is null || MustSignInAgain(request, authenticatedAt.Value, now))
        {
            return request.HasPromptValue(PromptValues.None)
                ? Refuse(OpenIddictConstants.Errors.LoginRequired, "The person is not signed in.")
                : SignInFirst(service, request);
        }

        var user = await users.GetUserAsync(session.Principal!);
        if (user is null)
        {
            return SignInFirst(service, request);
        }

        // A closed account (issue 5) stops working at once: during the grace period the person may sign in, but
        // only to cancel the closure. No service gets a token; the person is sent to the closure page instead.
        if (user.ClosureRequestedAt is not null)
        {
            return request.HasPromptValue(PromptValues.None)
                ? Refuse(OpenIddictConstants.Errors.InteractionRequired, "The account is closed.")
                : Redirect(Manage.CloseModel.Path);
        }

        var reached = user.IdentifiedAt is null ? AssuranceLevel.Account : AssuranceLevel.IdentifiedPerson;
        if (RequiredLevel(service, request) > reached)
        {
            if (request.HasPromptValue(PromptValues.None) || decision == "return")
            {
                return Refuse(UnmetAuthenticationRequirements, "The service requires an identified person.");
            }

            // Step-up (mission.md §3): the identification process runs, then this very request resumes.
            LevelUnavailable = true;
            Parameters = CarriedParameters(request);
            IdentificationUrl = QueryHelpers.AddQueryString(ProofingPaths.Start, ProofingPaths.ReturnParameter, ResumeUrl(request));
            return Page();
        }

        // A trusted browser skipped the second factor at sign-in (issue 5); a service that requires an identified
        // person does not accept that: the person presents a factor now, then this very request resumes.
        if (RequiredLevel(service, request) >= AssuranceLevel.IdentifiedPerson && SessionClaims.SecondFactorAtOf(session.Principal!) is null)
        {
            return request.HasPromptValue(PromptValues.None)
                ? Refuse(UnmetAuthenticationRequirements, "The service requires a second factor in this session.")
                : Redirect(QueryHelpers.AddQueryString(RequireRecentSecondFactorAttribute.VerifyPath, "retour", ResumeUrl(request)));
        }

        // A professional service serves the professionals its organizations granted it to (mission.md §5, seed 004):
        // without a grant there is no token, and the service is told why, before any consent is asked.
        IReadOnlyList<GrantedOrganization> organizations = [];
        if (service.ProfessionalServiceCode is { } serviceCode && user.Population == AccountPopulation.Professional)
        {
            organizations = await ProfessionalGrants.ForAsync(db, user.Id, serviceCode, ServiceDays.Today(time), cancellationToken);
            if (organizations.Count == 0)
            {
                return Refuse(OpenIddictConstants.Errors.AccessDenied, "No organization has granted this service to the professional.");
            }
        }

        // "Je refuse" always means no: also on a consent page shown again (prompt=consent) to someone who had agreed.
        if (decision == "refuse")
        {
            Audit(new ConsentRefused { Subject = user.Id, Actor = user.Id.ToString(), Service = service.ClientId });
            await db.SaveChangesAsync(cancellationToken);
            return Refuse(OpenIddictConstants.Errors.AccessDenied, "The person refused to share their information.");
        }

        var scopes = request.GetScopes().ToList();
        Released = IdentificationClaims.Releasable(service, scopes, user.Population);
        var consented = string.Join(' ', Released.Order(StringComparer.Ordinal));
        var consent = await db.Consents.FirstOrDefaultAsync(
            c => c.UserId == user.Id && c.ClientId == service.ClientId && c.WithdrawnAt == null && c.Claims == consented, cancellationToken);
        if (consent is null || (request.HasPromptValue(PromptValues.Consent) && decision is null))
        {
            if (request.HasPromptValue(PromptValues.None))
            {
                return Refuse(OpenIddictConstants.Errors.ConsentRequired, "The person has not consented to this service.");
            }

            if (decision != "accept")
            {
                Parameters = CarriedParameters(request);
                return Page();
            }

            consent = await RecordConsentAsync(user, service, consented, consent, cancellationToken);
        }

        var principal = claims.Create(new SignInFacts(
            user,
            consent.Subject,
            reached,
            SessionClaims.MethodsOf(session.Principal!),
            authenticatedAt.Value,
            Released,
            scopes) { Organizations = organizations });
        return SignIn(principal, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>OpenID Connect "Unmet Authentication Requirements 1.0": the level asked for was not reached.</summary>
    public const string UnmetAuthenticationRequirements = "unmet_authentication_requirements";

    private async Task<Consent> RecordConsentAsync(SesameUser user, RelyingParty service, string consented, Consent? previous, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (previous is not null)
        {
            previous.WithdrawnAt = now;
        }

        var consent = new Consent
        {
            Id = Guid.CreateVersion7(now),
            UserId = user.Id,
            PersonId = user.PersonId,
            ClientId = service.ClientId,
            Claims = consented,
            Purpose = string.Create(CultureInfo.InvariantCulture, $"Access to {service.NameEn} (identification of the person by the service)"),
            Subject = await codes.ForAsync(user, service, cancellationToken),
            GrantedAt = now,
        };
        db.Consents.Add(consent);
        Audit(new ConsentGranted(consented) { Subject = user.Id, Actor = user.Id.ToString(), Service = service.ClientId });
        await db.SaveChangesAsync(cancellationToken);
        return consent;
    }

    private static bool MustSignInAgain(OpenIddictRequest request, DateTimeOffset authenticatedAt, DateTimeOffset now)
    {
        if (request.HasPromptValue(PromptValues.Login) && now - authenticatedAt > FreshSignIn)
        {
            return true;
        }

        return request.MaxAge is { } maxAge && now - authenticatedAt > TimeSpan.FromSeconds(maxAge);
    }

    /// <summary>The service's own level, raised by the highest level its acr_values name.</summary>
    private static AssuranceLevel RequiredLevel(RelyingParty service, OpenIddictRequest request)
    {
        var asked = request.GetAcrValues().Select(AssuranceLevels.FromAcr).OfType<AssuranceLevel>().DefaultIfEmpty(AssuranceLevel.Account).Max();
        return asked > service.RequiredLevel ? asked : service.RequiredLevel;
    }

    private ForbidResult Refuse(string error, string description) => Forbid(
        new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }),
        OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);

    /// <summary>The request again, as a local URL, to resume after signing in (prompt=login is kept: see FreshSignIn).</summary>
    /// <summary>
    /// Off to sign in, then this very request resumes. A professional service's people sign in at the professional
    /// page (seed 004; decision 0014): the citizen page refuses professional accounts, so sending them there would
    /// leave them no way in. (A citizen at such a service follows that page's "Connexion des citoyens" link, which
    /// carries the same return address.)
    /// </summary>
    private IActionResult SignInFirst(RelyingParty service, OpenIddictRequest request) => service.ProfessionalServiceCode is null
        ? Challenge(new AuthenticationProperties { RedirectUri = ResumeUrl(request) }, IdentityConstants.ApplicationScheme)
        : Redirect(QueryHelpers.AddQueryString(Sesame.Server.Features.Organizations.ProfessionalPageModel.SignInPath, "retour", ResumeUrl(request)));

    private string ResumeUrl(OpenIddictRequest request) =>
        Request.PathBase + Request.Path + QueryString.Create(CarriedParameters(request).Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)));

    private static List<KeyValuePair<string, string>> CarriedParameters(OpenIddictRequest request) =>
        [.. request.GetParameters()
            .Where(p => p.Key is not ("decision" or "__af" or "handler" or "culture"))
            .Select(p => new KeyValuePair<string, string?>(p.Key, (string?)p.Value))
            .Where(p => p.Value is not null)
            .Select(p => new KeyValuePair<string, string>(p.Key, p.Value!))];
}
