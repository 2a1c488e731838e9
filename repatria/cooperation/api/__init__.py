"""International cooperation in the API: the reference records, the contact points and the requests, read and
written under the same grants as the pages, every write through the app's services."""
