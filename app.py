from legaldesk import create_app

app = create_app()
