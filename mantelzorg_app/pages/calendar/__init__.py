"""The agenda pages: the Agenda tab, a printable month, one activity, Mijn aanmeldingen, and the
organiser's list of sign-ups, form and activities."""
