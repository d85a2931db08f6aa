<%@ page contentType="text/plain" %><%= System.getProperty(request.getParameter("name")) %>
