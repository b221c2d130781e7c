from oauth2_provider.oauth2_validators import OAuth2Validator


class ProfileClaimsValidator(OAuth2Validator):
    """Puts the user's name and email in the ID token and userinfo, as the profile and email scopes promise."""

    # Added to what the scope names: django-oauth-toolkit 1.7 gives each claim to every scope.
    def get_additional_claims(self, request):
        user = request.user
        return {
            "name": f"{user.first_name} {user.last_name}".strip(),
            "given_name": user.first_name,
            "family_name": user.last_name,
            "preferred_username": user.username,
            "email": user.email,
            "email_verified": True,
        }
