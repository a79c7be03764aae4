using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ReviewWorkflow.Web.Accounts;

public sealed record LoginRequest(string Email, string Password);

public sealed record RefreshRequest(string RefreshToken);

/// <summary>
/// Login and refresh as Identity's API endpoints do them, without the self-service registration,
/// password-reset and e-mail endpoints that MapIdentityApi would also open to anonymous callers:
/// here accounts are created by an administrator only.
/// </summary>
public static class AuthEndpoints
{
    public static void MapAuth(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/auth").WithTags("Authentication").AllowAnonymous();

        group.MapPost("/login", async Task<Results<EmptyHttpResult, ProblemHttpResult>>
            (LoginRequest request, SignInManager<User> signIn) =>
        {
            signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
            var result = await signIn.PasswordSignInAsync(request.Email ?? "", request.Password ?? "", isPersistent: false, lockoutOnFailure: true);
            if (result.Succeeded) return TypedResults.Empty; // the bearer handler writes the token response
            var detail = result.IsLockedOut ? "The account is locked after repeated failures; try again later." : "Email or password is wrong.";
            return TypedResults.Problem(detail, statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in refused");
        }).Produces<AccessTokenResponse>();

        group.MapPost("/refresh", async Task<Results<SignInHttpResult, ProblemHttpResult>>
            (RefreshRequest request, SignInManager<User> signIn, IOptionsMonitor<BearerTokenOptions> bearer, TimeProvider clock) =>
        {
            var protector = bearer.Get(IdentityConstants.BearerScheme).RefreshTokenProtector;
            var ticket = protector.Unprotect(request.RefreshToken ?? "");
            if (ticket?.Properties.ExpiresUtc is not { } expires || clock.GetUtcNow() >= expires
                || await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { } user
                || !await signIn.CanSignInAsync(user)) // e.g. a demo account after demo data was switched off
                return TypedResults.Problem("The refresh token is invalid or expired.", statusCode: StatusCodes.Status401Unauthorized);
            var principal = await signIn.CreateUserPrincipalAsync(user);
            return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
        }).Produces<AccessTokenResponse>();
    }
}
