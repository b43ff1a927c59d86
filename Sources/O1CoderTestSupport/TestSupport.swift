// placeholder so the target compiles; test doubles land here.
