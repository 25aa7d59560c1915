using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using OpenIddict.Abstractions;
using OpenIddict.Validation.AspNetCore;
using Sesame.Core.Accounts;
using Sesame.Core.Audit;
using Sesame.Core.Consents;
using Sesame.Core.Data;
using Sesame.Core.Organizations;
using Sesame.Server.Features.Invitations;
using Sesame.Server.Infrastructure.Localization;
using Sesame.Server.Oidc;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Sesame.Server.Features.Directory;

/// <summary>
/// The directory of professionals (mission.md §5: services "can look users up by their RAMQ username (e.g. to
/// add them as employees in Rendez-vous santé Québec)"; seed 004, "Ajout dans RVSQ"). A professional service
/// calls it on its own behalf with a client-credentials access token (RFC 6749 §4.4) holding
/// <see cref="OidcServices.DirectoryScope"/>, and learns what its tokens would say about the person: the
/// identification code for its sector, the title and names, the organizations where it is granted.
/// docs/decisions/0016-professional-claims-and-directory.md.
/// </summary>
public static class ProfessionalDirectory
{
    public const string Path = "/api/annuaire/professionnels";

    /// <summary>The query parameter: the RAMQ username, which seed 004 makes the lookup key.</summary>
    public const string UsernameParameter = "nomUtilisateur";

    public const string Policy = "annuaire.professionnels";

    public static IServiceCollection AddProfessionalDirectory(this IServiceCollection services) =>
        services.AddAuthorization(options => options.AddPolicy(Policy, policy => policy
            .AddAuthenticationSchemes(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme)
            .RequireAuthenticatedUser()
            .RequireAssertion(context => context.User.HasScope(OidcServices.DirectoryScope))));

    public static IEndpointRouteBuilder MapProfessionalDirectory(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, FindAsync).RequireAuthorization(Policy);
        return endpoints;
    }

    private static async Task<IResult> FindAsync(
        HttpContext context,
        SesameDbContext db,
        UserManager<SesameUser> users,
        IdentificationCodes codes,
        ProfessionalAccounts accounts,
        AuditTrail audit,
        IStringLocalizer<SharedResource> text,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        // A machine has no language cookie: the message follows Accept-Language (French unless English is preferred).
        var culture = PreferredCulture(context.Request);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = culture;

        var clientId = ClientOf(context.User);
        var service = clientId is null ? null : await db.RelyingParties.AsNoTracking().SingleOrDefaultAsync(r => r.ClientId == clientId, cancellationToken);
        if (service?.ProfessionalServiceCode is not { } serviceCode)
        {
            return Error(StatusCodes.Status403Forbidden, "insufficient_scope", text["Directory.NotAProfessionalService"]);
        }

        var values = context.Request.Query[UsernameParameter];
        if (values.Count > 1)
        {
            return Error(StatusCodes.Status400BadRequest, OpenIddictConstants.Errors.InvalidRequest, text["Directory.UsernameRepeated"]);
        }

        var username = values.ToString();
        var broken = ProfessionalUsernameRules.Check(username);
        if (broken.Count > 0)
        {
            return Error(StatusCodes.Status400BadRequest, OpenIddictConstants.Errors.InvalidRequest, text[broken[0] == AccountRuleCodes.UsernameRequired ? "Directory.UsernameRequired" : broken[0]]);
        }

        // Unknown, a citizen, or a professional this service was never granted to: the same answer, so that the
        // directory does not tell a service about people outside its own population.
        var user = await users.FindByNameAsync(username);
        var organizations = user is { Population: AccountPopulation.Professional }
            ? await ProfessionalGrants.ForAsync(db, user.Id, serviceCode, ServiceDays.Today(time), cancellationToken)
            : [];
        var name = user is null || organizations.Count == 0 ? null : await accounts.NameOfAsync(user.Id, cancellationToken);
        if (user is null || name is null)
        {
            return Error(StatusCodes.Status404NotFound, "not_found", text["Directory.NotFound"]);
        }

        var entry = new DirectoryEntry(
            await codes.ForAsync(user, service, cancellationToken),
            name.Title.ToString(),
            name.GivenName,
            name.FamilyName,
            IdentificationClaims.OrganizationsObject(organizations));

        // A read of personal information by a service (issue 7), recorded like userinfo's: what, never the values.
        audit.Record(new PersonalInformationRead("annuaire: sub title given_name family_name organizations")
        {
            Subject = user.Id,
            Actor = "service:" + service.ClientId,
            Service = service.ClientId,
        });
        await db.SaveChangesAsync(cancellationToken);
        context.Response.Headers.CacheControl = "no-store";
        return Results.Json(entry);
    }

    /// <summary>The calling service: the token's presenter, which client credentials also set as the subject.</summary>
    private static string? ClientOf(ClaimsPrincipal principal) =>
        principal.GetPresenters().FirstOrDefault() ?? principal.GetClaim(Claims.ClientId) ?? principal.GetClaim(Claims.Subject);

    private static CultureInfo PreferredCulture(HttpRequest request)
    {
        if (StringWithQualityHeaderValue.TryParseList(request.Headers.AcceptLanguage, out var languages))
        {
            foreach (var language in languages.OrderByDescending(l => l.Quality ?? 1))
            {
                var tag = language.Value.Value ?? "";
                if (tag.StartsWith("en", StringComparison.OrdinalIgnoreCase))
                {
                    return CultureInfo.GetCultureInfo(Languages.English);
                }

                if (tag.StartsWith("fr", StringComparison.OrdinalIgnoreCase))
                {
                    return CultureInfo.GetCultureInfo(Languages.French);
                }
            }
        }

        return CultureInfo.GetCultureInfo(Languages.French);
    }

    /// <summary>An OAuth-style error body (RFC 6750 §3.1 names error and error_description), localized.</summary>
    private static IResult Error(int status, string error, string description) =>
        Results.Json(new Dictionary<string, string> { ["error"] = error, ["error_description"] = description }, statusCode: status);
}

/// <summary>The directory's answer: the claim names of the tokens (OpenID Connect Core §5.1), the same shapes.</summary>
internal sealed record DirectoryEntry(
    [property: System.Text.Json.Serialization.JsonPropertyName("sub")] string Subject,
    [property: System.Text.Json.Serialization.JsonPropertyName("title")] string Title,
    [property: System.Text.Json.Serialization.JsonPropertyName("given_name")] string GivenName,
    [property: System.Text.Json.Serialization.JsonPropertyName("family_name")] string FamilyName,
    [property: System.Text.Json.Serialization.JsonPropertyName("organizations")] IReadOnlyDictionary<string, OrganizationClaim> Organizations);
