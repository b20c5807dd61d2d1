"""The agenda's states: the Agenda tab and a printable month, one activity and its sign-up, Mijn
aanmeldingen, the organiser's list, form and activities."""
