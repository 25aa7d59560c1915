using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace RendezVousSante;

/// <summary>
/// Signing in through Sesame with ASP.NET Core's OpenID Connect handler, as any government service would:
/// the authorization code flow with PKCE, a confidential client, the person's session in a cookie of this
/// service. Sesame returns the person's identification code for this service's sector as <c>sub</c> and the
/// assurance level reached as <c>acr</c>.
/// </summary>
public static class SesameSignIn
{
    /// <summary>The home page's notices, named in its query string (<c>/?avis=…</c>).</summary>
    public const string RefusedNotice = "refus";
    public const string SignedOutNotice = "deconnexion";
    public const string FailedNotice = "echec";

    public static WebApplicationBuilder AddSesameSignIn(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SesameSettings>().BindConfiguration(SesameSettings.Section)
            .Validate(s => s.Authority.IsAbsoluteUri && s.ClientId.Length > 0 && s.ClientSecret.Length > 0,
                "Sesame:Authority, Sesame:ClientId and Sesame:ClientSecret are required.")
            .ValidateOnStart();

        builder.Services
            .AddAuthentication(options =>
            {
                // The person's session here is this service's own cookie; signing in goes to Sesame.
                options.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                options.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
            })
            .AddCookie(options =>
            {
                // Sesame and this service may share a host name (localhost in the demo): distinct cookie names.
                options.Cookie.Name = "rendez-vous-sante";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                // Secure whenever the service is served over HTTPS, as it must be outside this machine.
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.ExpireTimeSpan = TimeSpan.FromMinutes(20);
                options.SlidingExpiration = true;
            })
            .AddOpenIdConnect();

        // Configured from the bound settings when first needed, so that tests and hosts can set them late.
        builder.Services.AddOptions<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme)
            .Configure<IOptions<SesameSettings>>((options, settings) => Configure(options, settings.Value));
        return builder;
    }

    private static void Configure(OpenIdConnectOptions options, SesameSettings sesame)
    {
        options.Authority = sesame.Authority.ToString();
        options.ClientId = sesame.ClientId;
        options.ClientSecret = sesame.ClientSecret;

        // Sesame's only flow: the authorization code with PKCE (S256), the code coming back in the query
        // string. (form_post would need a script that submits the form and SameSite=None cookies.)
        options.ResponseType = OpenIdConnectResponseType.Code;
        options.ResponseMode = OpenIdConnectResponseMode.Query;
        options.UsePkce = true;

        // The request itself goes to Sesame by the back channel (pushed authorization requests, RFC 9126, which
        // Sesame advertises): the browser carries only a short-lived request_uri.
        options.PushedAuthorizationBehavior = PushedAuthorizationBehavior.UseIfAvailable;

        // The identification code (openid); Sesame adds the organizations where this service is granted to a
        // professional (claim "organizations"), in the id_token, which is all this service needs.
        options.Scope.Clear();
        options.Scope.Add("openid");
        options.GetClaimsFromUserInfoEndpoint = false;

        // Keep the claims as Sesame names them (sub, acr, email), and keep acr, which the handler drops by default.
        options.MapInboundClaims = false;
        options.ClaimActions.Remove("acr");
        options.TokenValidationParameters.NameClaimType = "sub";

        // The id_token is kept in the session: signing out sends it to Sesame as id_token_hint.
        options.SaveTokens = true;
        options.CallbackPath = "/signin-oidc";
        options.SignedOutCallbackPath = "/signout-callback-oidc";

        // Discovery over plain http only for a Sesame on this machine (the run command and the tests serve
        // http://localhost); a Sesame anywhere else must be reached over HTTPS.
        options.RequireHttpsMetadata = !sesame.IsLocalHttp;

        // The code comes back by a top-level GET redirect, which carries Lax cookies: the handler's default
        // (SameSite=None, so always Secure) cannot be set over http://localhost.
        foreach (var cookie in new[] { options.CorrelationCookie, options.NonceCookie })
        {
            cookie.SameSite = SameSiteMode.Lax;
            cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        }

        options.CorrelationCookie.Name = "rendez-vous-sante-correlation.";
        options.NonceCookie.Name = "rendez-vous-sante-nonce.";

        options.Events = new OpenIdConnectEvents
        {
            // "Je refuse" on Sesame's consent page, or a professional this service was not granted to: access_denied.
            OnAccessDenied = context =>
            {
                context.Response.Redirect("/?avis=" + RefusedNotice);
                context.HandleResponse();
                return Task.CompletedTask;
            },

            // Any other answer that is not a sign-in (an expired request, an error from Sesame): say so at home.
            OnRemoteFailure = context =>
            {
                context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SesameSignIn))
                    .LogWarning(context.Failure, "Signing in through Sesame failed.");
                context.Response.Redirect("/?avis=" + FailedNotice);
                context.HandleResponse();
                return Task.CompletedTask;
            },
        };
    }
}
