// SAML HTTP-POST binding: send the form to the service provider as soon as the page is read.
document.getElementById("saml-post").submit();
