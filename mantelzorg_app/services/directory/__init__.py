"""The sociale kaart: who does what in a hub, professional and informal, after Open Referral HSDS 3.0."""
