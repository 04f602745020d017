"""The OpenID Provider: discovery, JWKS, authorization (code flow), token, userinfo, introspection,
revocation and logout, over the protocol-neutral login journey (``idp.login.pending``).

One module per concern: ``authorize`` (request validation), ``client_auth`` and ``clients``, ``tokens``
(codes, grants, tokens: single use in the database), ``claims`` (a Selection to claims), ``signing``
(our keys), ``logout`` (back- and front-channel), ``views`` (the thin Flask endpoints). See docs/oidc.md.
"""
