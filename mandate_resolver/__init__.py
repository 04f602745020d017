"""Who may this person act for, here? The resolver chain and its embedded registry.

This package never imports a web framework (a test asserts it): the provider in ``idp`` calls it, and
integrators can embed it or extend it with resolvers of their own.
"""
