"""The SAML 2.0 identity provider: metadata, single sign-on (HTTP-Redirect and HTTP-POST), single logout.

pysaml2 builds and reads the messages; ``crypto`` signs, verifies, encrypts and decrypts them in process;
``xml`` reads untrusted input with bounded sizes and no DTDs; ``views`` is the blueprint.
"""
