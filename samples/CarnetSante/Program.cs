namespace CarnetSante;

/// <summary>
/// The "Carnet santé Québec" demo: a government service that signs people in through Sesame. An explicit
/// entry point in a namespace (not top-level statements), so that it does not clash with Sesame's own
/// <c>Program</c> where the end-to-end tests reference both.
/// </summary>
public sealed class Program
{
    private Program()
    {
    }

    public static async Task Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddSesameSignIn();
        builder.Services.AddRazorPages(options => options.Conventions.AuthorizePage("/MonCarnet"));
        builder.Services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "carnet-sante-af";
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });

        var app = builder.Build();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/erreur");
            app.UseHsts();
        }

        app.UseSecurityHeaders();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapRazorPages();
        await app.RunAsync();
    }
}
